// Time to render one submission receipt (app/modules/documents/receipt.ts) and its size. See bench/README.md.
//
//   BENCH_RECEIPTS  warm renders (default 200)
// cold = the first render in the process (reads the four font files); warm = the renders after it.
import { cpus } from 'node:os'
import { renderReceipt, type ReceiptInput } from '../app/modules/documents'
import { emit, intEnv, summarize } from './stats'

const WARM = intEnv('BENCH_RECEIPTS', 200)

/** A made-up but well-formed SHA-256, different for each i. */
const hash = (i: number) => Array.from({ length: 64 }, (_, j) => '0123456789abcdef'[(i * 7 + j * 13 + (j >> 3)) % 16]).join('')

/** A typical receipt: what the deadline-rush submissions render (two mandatory documents), plus one optional. */
function input(i: number): ReceiptInput {
  return {
    lang: i % 5 === 4 ? 'en' : 'vi',
    fundName: 'Quỹ Phát triển Khoa học và Công nghệ tỉnh Đắk Lắk',
    parentBody: 'UBND tỉnh Đắk Lắk',
    reference: `QKHCN-2027-${String(i + 1).padStart(4, '0')}`,
    submittedAt: new Date(Date.UTC(2027, 0, 5, 7, 32) + i * 1000),
    callCode: 'KHCN-2027-01',
    callTitle: 'Hỗ trợ đổi mới công nghệ trong chế biến nông sản',
    organisationName: `Công ty Cổ phần Nông sản Buôn Ma Thuột số ${i}`,
    organisationIdentifier: '0100 233 488',
    applicationTitle: 'Sấy cà phê bằng năng lượng mặt trời: giữ độ ẩm, hương vị đặc trưng của cà phê Đắk Lắk',
    requestedAmount: 500_000_000 + i,
    counterpartAmount: 1_500_000_000,
    documents: [
      { name: 'Giấy đăng ký doanh nghiệp', filename: `giay-dang-ky-${i}.pdf`, sizeBytes: 245_760, sha256: hash(i) },
      { name: 'Thuyết minh', filename: 'thuyet-minh-de-tai.pdf', sizeBytes: 3_250_586, sha256: hash(i + 1) },
      { name: 'Tài liệu khác', filename: 'du-toan.xlsx', sizeBytes: 48_211, sha256: hash(i + 2) },
    ],
  }
}

async function main() {
  let t0 = performance.now()
  const first = await renderReceipt(input(0))
  const coldMs = performance.now() - t0

  const times: number[] = []
  const sizes: number[] = []
  const startCpu = process.cpuUsage()
  t0 = performance.now()
  for (let i = 1; i <= WARM; i++) {
    const s = performance.now()
    const pdf = await renderReceipt(input(i))
    times.push(performance.now() - s)
    sizes.push(pdf.byteLength)
  }
  const wallMs = performance.now() - t0
  const cpu = process.cpuUsage(startCpu)
  const warm = summarize(times)
  const kb = (b: number) => Math.round((b / 1024) * 10) / 10
  await emit({
    bench: 'receipt-pdf',
    params: { warmRenders: WARM, cpus: cpus().length },
    coldMs: Math.round(coldMs * 10) / 10,
    coldBytes: first.byteLength,
    warm,
    warmPerSecond: Math.round((WARM / (wallMs / 1000)) * 10) / 10,
    // CPU time per render (user + system): the work a submission does inside its transaction.
    cpuMsPerRender: Math.round(((cpu.user + cpu.system) / 1000 / WARM) * 10) / 10,
    sizeKB: { min: kb(Math.min(...sizes)), mean: kb(sizes.reduce((a, b) => a + b, 0) / sizes.length), max: kb(Math.max(...sizes)) },
  })
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
