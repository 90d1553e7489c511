// Signed documents (PAdES): the Signer interface, PKCS#12 signers, detached CMS on node-forge, visible
// signatures as incremental updates, reading signatures back. ADR 017.
export { DEMO_MARKER, issueCertificate, toP12, type Issued, type Subject } from './certificate'
export { readCms, buildCms } from './cms'
export { demoSealImage, demoSignatureImage, officialLayout, pngSize, SEAL_MM, signOfficialDocument, type OfficialSigningOptions, type SignatureSpace } from './official'
export { appendSignature, pdfDate, SUB_FILTER, vietnamIso } from './pdf'
export { p12Signer, SignerKeyError, type Signer, type SignerKeyErrorReason } from './signer'
export { readSignatures, type SignatureInfo } from './verify'
export { ensureDemoKeys, signerFileName, SigningConfigError, signingConfig, signingKeys, type SigningConfig, type SigningConfigErrorReason } from './keys.server'
