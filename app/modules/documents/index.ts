export { embedFonts, fontBytes, fontsDir, type DocumentFonts, type FontFace } from './fonts'
export { renderReceipt, wrapText, type ReceiptInput } from './receipt'
