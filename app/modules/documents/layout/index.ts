// The layout engine of official documents: a document model (model.ts), line breaking and justification
// (text.ts), pagination (engine.ts) and drawing with pdf-lib (render.ts). It holds no words of any language:
// templates/ build the models.
export * from './model'
export { createLayoutFonts, faceOf, loadLayoutFonts, type LayoutFonts } from './fonts'
export { breakLines, breakWord, placeLine, toRuns, type Line, type Placed, type Word } from './text'
export { layoutDocument, type LaidOut, type LaidOutPage, type Op } from './engine'
export { drawDocument, renderDocument, renderDocumentForSigning } from './render'
