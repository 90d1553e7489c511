import { createContext, useContext } from 'react'

// The CSP nonce of the response being rendered (server only; the browser never needs it again).
const NonceContext = createContext<string>('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
