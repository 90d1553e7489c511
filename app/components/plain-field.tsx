import { describedByOf, HintAndError } from './form'

// A text input of a plain server-checked form (no react-hook-form): its label, hint and inline error, the value
// typed kept after a refusal.
export function PlainField({
  name,
  id = name,
  label,
  hint,
  error,
  value,
  width = 'full',
}: {
  name: string
  /** When several forms of a page share field names. */
  id?: string
  label: string
  hint?: string
  error?: { message: string }
  value?: string
  width?: 'full' | 'half' | 'third'
}) {
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <HintAndError name={id} hint={hint} error={error} />
      <input
        className={`input input--${width}${error ? ' input--error' : ''}`}
        id={id}
        name={name}
        type="text"
        defaultValue={value ?? ''}
        aria-describedby={describedByOf(id, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  )
}
