import { defineMessages } from '../define'

export const messages = defineMessages({
  'field.fullName': ['Họ và tên', 'Full name'],
  'field.fullName.hint': ['Họ, tên đệm và tên, như trên căn cước công dân.', 'Family, middle and given names, as on your ID card.'],
  'field.email': ['Địa chỉ thư điện tử', 'Email address'],
  'field.email.hint': ['Chúng tôi gửi thông báo về hồ sơ đến địa chỉ này.', 'We send news about your application to this address.'],
  'field.password': ['Mật khẩu', 'Password'],
  'field.newPassword': ['Mật khẩu mới', 'New password'],
  'field.currentPassword': ['Mật khẩu hiện tại', 'Current password'],
  'field.password.hint': [
    'Ít nhất 10 ký tự. Một cụm vài từ dễ nhớ là mật khẩu tốt; tránh mật khẩu phổ biến.',
    'At least 10 characters. A phrase of a few words is a good password; avoid common ones.',
  ],

  'login.title': ['Đăng nhập', 'Sign in'],
  'login.submit': ['Đăng nhập', 'Sign in'],
  'login.noAccount': ['Chưa có tài khoản?', 'No account yet?'],
  'login.register': ['Tạo tài khoản', 'Create an account'],
  'login.forgot': ['Quên mật khẩu?', 'Forgotten your password?'],
  'login.invalid': ['Địa chỉ thư điện tử hoặc mật khẩu không đúng.', 'The email address or password is incorrect.'],
  'login.unverified': [
    'Bạn cần xác minh địa chỉ thư điện tử trước khi đăng nhập. Hãy mở liên kết trong thư chúng tôi đã gửi.',
    'You need to confirm your email address before signing in. Open the link in the email we sent you.',
  ],
  'login.resend': ['Gửi lại liên kết xác minh', 'Send the confirmation link again'],
  'login.rateLimited': [
    'Quá nhiều lần đăng nhập không thành công. Hãy thử lại sau {minutes} phút.',
    'Too many failed sign-in attempts. Try again in {minutes, plural, one {# minute} other {# minutes}}.',
  ],

  'register.title': ['Tạo tài khoản', 'Create an account'],
  'register.lead': [
    'Một tài khoản dùng cho mọi hồ sơ của bạn. Sau khi đăng ký, bạn có thể tạo hoặc tham gia hồ sơ của tổ chức mình.',
    'One account for all your applications. Once registered, you can create or join your organisation’s applications.',
  ],
  'register.submit': ['Tạo tài khoản', 'Create account'],
  'register.haveAccount': ['Đã có tài khoản?', 'Already have an account?'],
  'register.rateLimited': [
    'Có quá nhiều lượt đăng ký từ địa chỉ mạng này. Hãy thử lại sau {minutes} phút.',
    'Too many registrations from this network address. Try again in {minutes, plural, one {# minute} other {# minutes}}.',
  ],

  'checkEmail.title': ['Hãy kiểm tra hộp thư', 'Check your email'],
  'checkEmail.body': [
    'Nếu địa chỉ đúng, chúng tôi đã gửi một thư có liên kết xác minh. Hãy mở thư và bấm vào liên kết để hoàn tất đăng ký. Liên kết có hiệu lực trong 48 giờ.',
    'If the address is right, we have sent an email with a confirmation link. Open it and follow the link to finish creating your account. The link works for 48 hours.',
  ],
  'checkEmail.spam': ['Không thấy thư? Hãy xem thư mục thư rác, hoặc', 'No email? Check your spam folder, or'],
  'checkEmail.resend': ['yêu cầu gửi lại liên kết', 'ask for the link again'],

  'verify.title': ['Xác minh địa chỉ thư điện tử', 'Confirm your email address'],
  'verify.done': ['Địa chỉ thư điện tử đã được xác minh', 'Your email address is confirmed'],
  'verify.doneBody': ['Bây giờ bạn có thể đăng nhập.', 'You can now sign in.'],
  'verify.invalid': ['Liên kết không còn hiệu lực', 'This link no longer works'],
  'verify.invalidBody': [
    'Liên kết đã được dùng hoặc đã hết hạn. Nếu bạn chưa xác minh, hãy yêu cầu một liên kết mới.',
    'The link has been used or has expired. If you have not confirmed your address yet, ask for a new link.',
  ],
  'resend.title': ['Gửi lại liên kết xác minh', 'Send the confirmation link again'],
  'resend.lead': ['Nhập địa chỉ bạn đã dùng khi đăng ký.', 'Enter the address you registered with.'],
  'resend.submit': ['Gửi liên kết', 'Send link'],

  'forgot.title': ['Quên mật khẩu', 'Reset your password'],
  'forgot.lead': [
    'Nhập địa chỉ thư điện tử của tài khoản. Chúng tôi sẽ gửi một liên kết để đặt mật khẩu mới, có hiệu lực trong 1 giờ và chỉ dùng được một lần.',
    'Enter your account’s email address. We will send a link to set a new password; it works for 1 hour and only once.',
  ],
  'forgot.submit': ['Gửi liên kết đặt lại mật khẩu', 'Send reset link'],
  'forgot.sent.title': ['Hãy kiểm tra hộp thư', 'Check your email'],
  'forgot.sent.body': [
    'Nếu có tài khoản với địa chỉ {email}, chúng tôi đã gửi liên kết đặt lại mật khẩu. Liên kết có hiệu lực trong 1 giờ.',
    'If there is an account for {email}, we have sent it a link to reset the password. The link works for 1 hour.',
  ],
  'forgot.rateLimited': [
    'Đã có quá nhiều yêu cầu đặt lại mật khẩu. Hãy thử lại sau {minutes} phút.',
    'Too many password reset requests. Try again in {minutes, plural, one {# minute} other {# minutes}}.',
  ],

  'reset.title': ['Đặt mật khẩu mới', 'Set a new password'],
  'reset.submit': ['Lưu mật khẩu mới', 'Save new password'],
  'reset.invalid': [
    'Liên kết đặt lại mật khẩu đã được dùng hoặc đã hết hạn. Hãy yêu cầu một liên kết mới.',
    'This reset link has been used or has expired. Ask for a new one.',
  ],
  'reset.again': ['Yêu cầu liên kết mới', 'Ask for a new link'],

  'invite.accept.title': ['Nhận lời mời tham gia cổng', 'Accept your invitation'],
  'invite.accept.lead': [
    'Bạn được mời vào cổng với địa chỉ {email}. Hãy kiểm tra họ tên và đặt mật khẩu.',
    'You have been invited to the portal as {email}. Check your name and choose a password.',
  ],
  'invite.accept.submit': ['Kích hoạt tài khoản', 'Activate account'],
  'invite.accept.invalid': [
    'Lời mời đã được dùng hoặc đã hết hạn. Hãy đề nghị quản trị viên gửi lời mời mới.',
    'This invitation has been used or has expired. Ask the administrator to invite you again.',
  ],

  'notice.verified': ['Địa chỉ thư điện tử đã được xác minh. Bạn có thể đăng nhập.', 'Your email address is confirmed. You can sign in.'],
  'notice.passwordReset': ['Mật khẩu mới đã được lưu. Hãy đăng nhập bằng mật khẩu mới.', 'Your new password is saved. Sign in with it.'],
  'notice.invitationAccepted': ['Tài khoản đã được kích hoạt. Hãy đăng nhập.', 'Your account is active. Sign in.'],
  'notice.loggedOut': ['Bạn đã đăng xuất.', 'You have signed out.'],
  'notice.passwordChanged': [
    'Mật khẩu đã được đổi. Các phiên đăng nhập khác của bạn đã kết thúc.',
    'Your password has been changed. Your other sessions have been signed out.',
  ],
  'notice.success': ['Thành công', 'Success'],
  'notice.important': ['Lưu ý', 'Important'],

  'account.title': ['Tài khoản của bạn', 'Your account'],
  'account.details': ['Thông tin tài khoản', 'Account details'],
  'account.roles': ['Vai trò', 'Roles'],
  'account.memberSince': ['Ngày tạo', 'Created on'],
  'account.security': ['Bảo mật', 'Security'],
  'account.changePassword': ['Đổi mật khẩu', 'Change your password'],
  'account.changePassword.lead': [
    'Sau khi đổi, mọi phiên đăng nhập khác của bạn sẽ kết thúc và bạn sẽ nhận thư thông báo.',
    'After the change your other sessions are signed out and you get an email about it.',
  ],
  'account.changePassword.submit': ['Đổi mật khẩu', 'Change password'],
  'account.changePassword.wrong': ['Mật khẩu hiện tại không đúng.', 'Your current password is incorrect.'],
})
