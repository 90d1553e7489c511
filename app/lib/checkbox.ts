/** Whether a checkbox's submitted value means ticked: "on" from a form post, true from the browser's validation. */
export const isChecked = (v: unknown): boolean => v === true || v === 'on' || v === 'true'
