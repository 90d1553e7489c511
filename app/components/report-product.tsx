import { Form } from '@remix-run/react'
import { useEffect, useState } from 'react'
import type { IpType, ProductKind } from '../../db/schema'
import { formatDay } from '../i18n/format'
import type { MessageKey } from '../i18n'
import { useT } from '../lib/i18n'
import { IP_KINDS, IP_TYPES, PRODUCT_KINDS } from '../modules/reports/schemas'
import { describedByOf, FileField, HintAndError } from './form'
import { PlainField } from './plain-field'

// A progress report's product: the grantee's form to add one (what kind of result it is, and for the kinds the
// resolution's targets count, the document that proves it), and the line that shows what a product proves.
// Without JavaScript every field shows, with a hint saying when to fill them; with it, the document's fields
// appear only for the kinds that need them and their labels name the document.

type Errors = Record<string, { message: string } | undefined>

export function ProductForm({ reportId, maxMb, errors, values }: { reportId: string; maxMb: number; errors: Errors; values: Record<string, string> }) {
  const t = useT()
  const [kind, setKind] = useState<ProductKind>(PRODUCT_KINDS.find((k) => k === values.kind) ?? 'other')
  const [scripted, setScripted] = useState(false)
  useEffect(() => setScripted(true), [])
  const showDocument = !scripted || kind !== 'other'
  const showIpType = !scripted || IP_KINDS.includes(kind)
  const specific = scripted && kind !== 'other' ? `.${kind}` : ''
  return (
    <Form method="post" encType="multipart/form-data" noValidate>
      <input type="hidden" name="reportId" value={reportId} />
      <PlainField name="title" label={t('reports.product.title')} error={errors.title} value={values.title} />
      <div className="form-group">
        <label className="label" htmlFor="description">
          {t('reports.product.description')}
        </label>
        <textarea className="input textarea" id="description" name="description" rows={2} defaultValue={values.description ?? ''} />
      </div>
      <div className={`form-group${errors.kind ? ' form-group--error' : ''}`}>
        <fieldset className="fieldset" aria-describedby={describedByOf('kind', t('reports.product.kind.hint'), errors.kind)}>
          <legend className="label">{t('reports.product.kind')}</legend>
          <HintAndError name="kind" hint={t('reports.product.kind.hint')} error={errors.kind} />
          {PRODUCT_KINDS.map((k) => (
            <div className="radio" key={k}>
              <input type="radio" id={`kind-${k}`} name="kind" value={k} defaultChecked={k === kind} onChange={() => setKind(k)} />
              <label htmlFor={`kind-${k}`}>{t(`reports.product.kind.${k}`)}</label>
            </div>
          ))}
        </fieldset>
      </div>
      <fieldset className="fieldset" hidden={!showDocument}>
        <legend className="label">{t('reports.product.document')}</legend>
        {scripted ? null : <p className="hint">{t('reports.product.document.hint')}</p>}
        <div className={`form-group${errors.ipType ? ' form-group--error' : ''}`} hidden={!showIpType}>
          <label className="label" htmlFor="ipType">
            {t('reports.product.ipType')}
          </label>
          <HintAndError name="ipType" error={errors.ipType} />
          <select className="input" id="ipType" name="ipType" defaultValue={values.ipType ?? ''} aria-describedby={describedByOf('ipType', undefined, errors.ipType)} aria-invalid={errors.ipType ? true : undefined}>
            <option value="">{t('reports.product.ipType.choose')}</option>
            {IP_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`reports.ipType.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <PlainField name="docNumber" label={t(`reports.product.docNumber${specific}` as MessageKey)} error={errors.docNumber} value={values.docNumber} width="half" />
        <PlainField name="docDate" label={t(`reports.product.docDate${specific}` as MessageKey)} error={errors.docDate} value={values.docDate} width="third" />
      </fieldset>
      <FileField name="file" label={t('reports.product.file')} hint={t('reports.product.file.hint', { max: maxMb })} error={errors.file} accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png" />
      <button type="submit" className="button button--secondary">
        {t('reports.products.addButton')}
      </button>
    </Form>
  )
}

/** What a product proves, after its title: "Văn bằng … · Nhãn hiệu · số 123, ngày 01/03/2027"; nothing for `other`. */
export function ProductEvidence({ product }: { product: { kind: ProductKind; ipType: IpType | null; docNumber: string | null; docDate: string | null } }) {
  const t = useT()
  if (product.kind === 'other') return null
  const parts = [t(`reports.product.kind.${product.kind}`), product.ipType ? t(`reports.ipType.${product.ipType}`) : null, t('reports.product.numberAndDate', { number: product.docNumber ?? '', date: product.docDate ? formatDay(product.docDate) : '' })]
  return <div className="hint">{parts.filter(Boolean).join(' · ')}</div>
}
