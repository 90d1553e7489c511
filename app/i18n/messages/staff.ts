import { defineMessages } from '../define'

export const messages = defineMessages({})
