// Writes one sample PDF per official-document template from demo data (templates/samples.ts), and times them.
//   npm run documents:samples -- --out DIR [--warm N]
// cold = the first render of each template in the process (the very first also reads and parses the fonts);
// warm = N renders after it, each with other data: min and median wall time, and CPU time per document
// (process.cpuUsage, which the load of a shared machine disturbs less than wall time).
// Targets (docs/quality.md): ≤ 20 ms per decision warm, ≤ 60 KB.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { type DocumentModel, layoutDocument, loadLayoutFonts, renderDocument, renderDocumentForSigning } from '../app/modules/documents/layout'
import { demoSealImage, demoSignatureImage, ensureDemoKeys, signingConfig, signingKeys, signOfficialDocument } from '../app/modules/signing'
import { samples } from '../templates/samples'

const { values } = parseArgs({ options: { out: { type: 'string', default: 'document-samples' }, warm: { type: 'string', default: '50' } } })
const out = resolve(values.out ?? 'document-samples')
const warm = Math.max(1, Number(values.warm) || 50)
mkdirSync(out, { recursive: true })

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)
const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(10)
console.log(`${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${warm} warm renders each`)
console.log(`${'document'.padEnd(18)}${'pages'.padStart(6)}${'cold'.padStart(10)}${'warm min'.padStart(10)}${'warm p50'.padStart(10)}${'cpu/doc'.padStart(10)}${'size'.padStart(10)}`)
for (const [name, build] of Object.entries(samples) as [string, (i: number) => DocumentModel][]) {
  let t = performance.now()
  const bytes = await renderDocument(build(0))
  const cold = performance.now() - t
  writeFileSync(join(out, `${name}.pdf`), bytes)
  const pages = layoutDocument(build(0), await loadLayoutFonts()).pages.length
  const times: number[] = []
  const cpu0 = process.cpuUsage()
  for (let i = 1; i <= warm; i++) {
    const model = build(i)
    t = performance.now()
    await renderDocument(model)
    times.push(performance.now() - t)
  }
  const cpu = process.cpuUsage(cpu0)
  const s = sorted(times)
  console.log(
    `${name.padEnd(18)}${String(pages).padStart(6)}${ms(cold)}${ms(s[0])}${ms(s[Math.floor(s.length / 2)])}${ms((cpu.user + cpu.system) / 1000 / warm)}${`${(bytes.length / 1024).toFixed(1)} KB`.padStart(10)}`,
  )
}

// Signed samples: every document with a signature block, signed by a demo director and the demo Fund
// (throw-away demo keys in a temporary folder), as the register issues them.
const fundName = 'Quỹ Phát triển Khoa học và Công nghệ tỉnh Đắk Lắk'
const keysData = mkdtempSync(join(tmpdir(), 'samples-keys-'))
try {
  const config = signingConfig({ DATA_DIR: keysData })
  await ensureDemoKeys(config, { fundName, people: [{ email: 'director@example.vn', name: 'Nguyễn Văn Minh' }] })
  const keys = signingKeys(config)
  const signer = (await keys.personal('director@example.vn'))!
  const fund = await keys.fund()
  const images = { signatureImage: await demoSignatureImage(), sealImage: await demoSealImage() }
  console.log(`${'signed'.padEnd(18)}${'unsigned'.padStart(10)}${'signed'.padStart(10)}${'sign cold'.padStart(11)}${'sign warm'.padStart(11)}`)
  for (const [name, build] of Object.entries(samples) as [string, (i: number) => DocumentModel][]) {
    const model = { ...build(0), verification: { url: 'https://quy.example.vn/verify/SAMPLE', text: 'Tra cứu: https://quy.example.vn/verify/SAMPLE' } }
    const { pdf, signatureSpaces } = await renderDocumentForSigning(model)
    if (signatureSpaces.length === 0) continue
    const sign = () => signOfficialDocument(pdf, signatureSpaces[signatureSpaces.length - 1], { signer, fund, fundName, time: new Date(), ...images })
    let t = performance.now()
    const signed = await sign()
    const cold = performance.now() - t
    t = performance.now()
    await sign()
    const warmSign = performance.now() - t
    writeFileSync(join(out, `${name}-signed.pdf`), signed)
    console.log(`${name.padEnd(18)}${`${(pdf.length / 1024).toFixed(1)} KB`.padStart(10)}${`${(signed.length / 1024).toFixed(1)} KB`.padStart(10)}${ms(cold).padStart(11)}${ms(warmSign).padStart(11)}`)
  }
} finally {
  rmSync(keysData, { recursive: true, force: true })
}
console.log(`written to ${out}`)
