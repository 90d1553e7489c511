// Renders the demo signing images (templates/signing/*.svg → *.png, transparent) with Debian's Chromium.
// Run once when the drawings change: node scripts/render-signing-images.mjs; the PNGs are committed.
import { readFile, writeFile } from 'node:fs/promises'
import { chromium } from 'playwright-core'

const dir = new URL('../templates/signing/', import.meta.url)
const font = (await readFile(new URL('../templates/fonts/LiberationSerif-Bold.ttf', import.meta.url))).toString('base64')
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' })
try {
  // 35 mm at 320 px is 232 dpi: sharp in print at the seal's real size, and small in every signed PDF
  for (const [name, width, height] of [['demo-seal', 320, 320], ['demo-signature', 450, 195]]) {
    const svg = await readFile(new URL(`${name}.svg`, dir), 'utf8')
    const page = await browser.newPage({ viewport: { width, height } })
    await page.setContent(
      `<!doctype html><style>@font-face{font-family:SealFont;src:url(data:font/ttf;base64,${font})}html,body{margin:0;background:transparent}svg{display:block;width:${width}px;height:${height}px}</style>${svg}`,
    )
    await page.evaluate(() => document.fonts.ready)
    await writeFile(new URL(`${name}.png`, dir), await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width, height } }))
    await page.close()
  }
} finally {
  await browser.close()
}
