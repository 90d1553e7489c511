import { renderToStaticMarkup } from 'react-dom/server'
import type { Translate } from '../app/i18n'

/** What a message says, in blocks that render the same way to HTML and to plain text. */
export interface EmailContent {
  subject: string
  greeting: string
  paragraphs: string[]
  action?: { label: string; href: string }
  /** Shown after the button, e.g. how long the link is valid. */
  after?: string[]
}

export interface RenderedEmail {
  subject: string
  html: string
  text: string
}

const styles = {
  body: { margin: 0, padding: 0, background: '#f3f2f1', fontFamily: 'Arial, Helvetica, sans-serif', color: '#0b0c0c' },
  header: { background: '#0b3d91', color: '#ffffff', padding: '16px 24px', fontSize: '18px', fontWeight: 700 },
  main: { background: '#ffffff', padding: '24px', fontSize: '16px', lineHeight: '1.5' },
  button: {
    display: 'inline-block',
    background: '#00703c',
    color: '#ffffff',
    padding: '10px 18px',
    textDecoration: 'none',
    fontWeight: 700,
    borderRadius: '2px',
  },
  small: { color: '#505a5f', fontSize: '14px' },
  footer: { padding: '16px 24px', color: '#505a5f', fontSize: '13px' },
} as const

/** Renders one message to HTML (React, table-free and inline-styled for mail clients) and plain text. */
export function renderContent(content: EmailContent, t: Translate, lang: 'vi' | 'en'): RenderedEmail {
  const fund = t('fund.name')
  const html =
    '<!DOCTYPE html>' +
    renderToStaticMarkup(
      <html lang={lang}>
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{content.subject}</title>
        </head>
        <body style={styles.body}>
          <div style={{ maxWidth: '640px', margin: '0 auto' }}>
            <div style={styles.header}>{fund}</div>
            <div style={styles.main}>
              <p>{content.greeting}</p>
              {content.paragraphs.map((p, i) => (
                <p key={i}>{p}</p>
              ))}
              {content.action ? (
                <>
                  <p>
                    <a href={content.action.href} style={styles.button}>
                      {content.action.label}
                    </a>
                  </p>
                  <p style={styles.small}>
                    {t('email.linkFallback')}
                    <br />
                    <a href={content.action.href}>{content.action.href}</a>
                  </p>
                </>
              ) : null}
              {content.after?.map((p, i) => (
                <p key={i} style={styles.small}>
                  {p}
                </p>
              ))}
              <p>
                {t('email.signature')
                  .split('\n')
                  .map((line, i) => (i === 0 ? line : [<br key={i} />, line]))}
              </p>
            </div>
            <div style={styles.footer}>
              {t('email.footer.auto')}
              <br />
              {t('fund.contact.line')}
            </div>
          </div>
        </body>
      </html>,
    )
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.action ? [`${content.action.label}: ${content.action.href}`, ''] : []),
    ...(content.after ?? []).flatMap((p) => [p, '']),
    t('email.signature'),
    '',
    '--',
    fund,
    t('email.footer.auto'),
    t('fund.contact.line'),
    '',
  ].join('\n')
  return { subject: content.subject, html, text }
}
