import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { loadMessages, MESSAGE_GROUPS, type MessageGroup } from './i18n/catalogues'

// The page's messages first (one language, its groups: see root.tsx's data-messages and ADR 013), then hydrate.
const root = document.documentElement
const groups = (root.dataset.messages ?? 'public').split(' ').filter((g): g is MessageGroup => (MESSAGE_GROUPS as readonly string[]).includes(g))
loadMessages(root.lang === 'en' ? 'en' : 'vi', groups).then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    )
  }),
)
