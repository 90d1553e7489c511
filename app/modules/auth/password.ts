import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto'

// scrypt with parameters stored in the hash, so they can be raised later without breaking old hashes.
// Format: scrypt$<logN>$<r>$<p>$<salt b64>$<hash b64>
const KEYLEN = 32

function scrypt(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFC'), salt, KEYLEN, { N, r, p, maxmem: 256 * N * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )
}

export async function hashPassword(password: string, logN = 15): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, logN, 8, 1)
  return ['scrypt', logN, 8, 1, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) return false
  const [scheme, logN, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), Number(logN), Number(r), Number(p))
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** A hash to compare against when the account does not exist, so a failed login takes the same time either way. */
let decoy: Promise<string> | undefined
export function decoyHash(logN: number) {
  decoy ??= hashPassword(randomBytes(12).toString('hex'), logN)
  return decoy
}
