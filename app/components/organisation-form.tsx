import { type PortalForm, RadioGroup, SelectField, TextField } from './form'
import { useT } from '../lib/i18n'
import { ORGANISATION_TYPES } from '../modules/organisations/fields'

// The organisation's details, the same fields for registering an organisation and for changing it.

export interface WardChoice {
  code: string
  kind: 'phuong' | 'xa'
  name: string
}

/** The ward or commune, from the province's list, grouped as wards (phường) and communes (xã). */
function WardSelect({ form, wards }: { form: PortalForm; wards: WardChoice[] }) {
  const t = useT()
  const group = (kind: WardChoice['kind']) => ({
    label: t(`org.ward.group.${kind}`),
    options: wards.filter((w) => w.kind === kind).map((w) => ({ value: w.code, label: t(`org.ward.${w.kind}`, { name: w.name }) })),
  })
  return (
    <SelectField
      form={form}
      name="wardCode"
      label={t('org.field.ward')}
      hint={t('org.field.ward.hint')}
      empty={t('org.field.ward.choose')}
      groups={[group('phuong'), group('xa')]}
      autoComplete="address-level2"
    />
  )
}

export function OrganisationFields({ form, wards }: { form: PortalForm; wards: WardChoice[] }) {
  const t = useT()
  return (
    <>
      <RadioGroup
        form={form}
        name="type"
        legend={t('org.field.type')}
        options={ORGANISATION_TYPES.map((type) => ({ value: type, label: t(`org.type.${type}`), hint: t(`org.type.${type}.hint`) }))}
      />
      <TextField form={form} name="name" label={t('org.field.name')} hint={t('org.field.name.hint')} autoComplete="organization" />
      <TextField form={form} name="identifier" label={t('org.field.identifier')} hint={t('org.field.identifier.hint')} width="half" spellCheck={false} />
      <h2 className="heading-m">{t('org.section.address')}</h2>
      <TextField form={form} name="addressLine" label={t('org.field.addressLine')} hint={t('org.field.addressLine.hint')} autoComplete="street-address" />
      <WardSelect form={form} wards={wards} />
      <h2 className="heading-m">{t('org.section.legalRep')}</h2>
      <TextField form={form} name="legalRepName" label={t('org.field.legalRepName')} hint={t('org.field.legalRepName.hint')} spellCheck={false} />
      <TextField form={form} name="legalRepTitle" label={t('org.field.legalRepTitle')} hint={t('org.field.legalRepTitle.hint')} width="half" />
      <h2 className="heading-m">{t('org.section.contact')}</h2>
      <TextField form={form} name="phone" type="tel" label={t('org.field.phone')} hint={t('org.field.phone.hint')} autoComplete="tel" width="half" />
      <TextField form={form} name="email" type="email" label={t('org.field.email')} autoComplete="email" spellCheck={false} />
      <TextField form={form} name="website" label={t('org.field.website')} autoComplete="url" optional spellCheck={false} />
    </>
  )
}
