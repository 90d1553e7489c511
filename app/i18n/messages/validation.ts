import { defineMessages } from '../define'

export const messages = defineMessages({
  'validation.email.required': ['Hãy nhập địa chỉ thư điện tử', 'Enter your email address'],
  'validation.email.invalid': [
    'Hãy nhập địa chỉ thư điện tử đúng dạng, ví dụ ten@congty.vn',
    'Enter an email address in the correct format, like name@example.com',
  ],
  'validation.fullName.required': ['Hãy nhập họ và tên', 'Enter your full name'],
  'validation.fullName.tooShort': ['Họ và tên phải có ít nhất 2 ký tự', 'Full name must be at least 2 characters'],
  'validation.fullName.tooLong': ['Họ và tên không được dài quá 120 ký tự', 'Full name must be 120 characters or fewer'],
  'validation.password.required': ['Hãy nhập mật khẩu', 'Enter a password'],
  'validation.currentPassword.required': ['Hãy nhập mật khẩu hiện tại', 'Enter your current password'],
  'validation.password.tooShort': ['Mật khẩu phải có ít nhất 10 ký tự', 'Password must be at least 10 characters'],
  'validation.password.tooLong': ['Mật khẩu không được dài quá 128 ký tự', 'Password must be 128 characters or fewer'],
  'validation.password.common': [
    'Mật khẩu này quá phổ biến và dễ bị đoán. Hãy chọn mật khẩu khác',
    'This password is too common and easy to guess. Choose another',
  ],
  'validation.password.repetitive': ['Mật khẩu không được chỉ lặp lại một vài ký tự', 'Password must not repeat one or two characters'],
  'validation.password.containsEmail': [
    'Mật khẩu không được chứa tên trong địa chỉ thư điện tử của bạn',
    'Password must not contain the name part of your email address',
  ],
  'validation.password.sameAsCurrent': ['Mật khẩu mới phải khác mật khẩu hiện tại', 'The new password must differ from the current one'],
  'validation.role.required': ['Hãy chọn vai trò', 'Select a role'],
  'validation.invalid': ['Giá trị không hợp lệ', 'This value is not valid'],
})
