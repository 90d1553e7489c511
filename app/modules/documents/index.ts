export { embedFonts, fontBytes, fontsDir, type DocumentFonts, type FontFace } from './fonts'
export { receiptModel, renderReceipt, wrapText, type ReceiptInput } from './receipt'
export {
  A4,
  DECREE_30_MARGINS_MM,
  MM,
  drawDocument,
  layoutDocument,
  loadLayoutFonts,
  renderDocument,
  type Block,
  type DocumentModel,
  type LayoutFonts,
} from './layout'
