import { defineMessages } from '../define'

export const messages = defineMessages({
  'email.greeting': ['Kính gửi {name},', 'Dear {name},'],
  'email.signature': ['Trân trọng,\nQuỹ Phát triển khoa học và công nghệ tỉnh Đắk Lắk', 'Kind regards,\nĐắk Lắk Science and Technology Development Fund'],
  'email.footer.auto': ['Thư này được gửi tự động từ cổng hồ sơ trực tuyến của Quỹ; xin đừng trả lời thư này.', 'This message was sent automatically by the Fund’s online portal; please do not reply to it.'],
  'email.linkFallback': ['Nếu nút không hoạt động, hãy chép địa chỉ sau vào trình duyệt:', 'If the button does not work, copy this address into your browser:'],
  'email.linkExpires': ['Liên kết có hiệu lực trong {hours} giờ.', 'The link works for {hours, plural, one {# hour} other {# hours}}.'],
  'email.linkExpiresOnce': ['Liên kết có hiệu lực trong {hours} giờ và chỉ dùng được một lần.', 'The link works for {hours, plural, one {# hour} other {# hours}} and only once.'],
  'email.verify.subject': ['Xác minh địa chỉ thư điện tử của bạn', 'Confirm your email address'],
  'email.verify.body': [
    'Cảm ơn bạn đã đăng ký tài khoản trên cổng hồ sơ trực tuyến của Quỹ. Hãy xác minh địa chỉ thư điện tử để hoàn tất đăng ký.',
    'Thank you for creating an account on the Fund’s online portal. Confirm your email address to finish.',
  ],
  'email.verify.action': ['Xác minh địa chỉ', 'Confirm my address'],
  'email.verify.notYou': ['Nếu bạn không đăng ký, hãy bỏ qua thư này.', 'If you did not register, ignore this email.'],
  'email.reset.subject': ['Đặt lại mật khẩu', 'Reset your password'],
  'email.reset.body': [
    'Chúng tôi nhận được yêu cầu đặt lại mật khẩu cho tài khoản của bạn.',
    'We received a request to reset the password of your account.',
  ],
  'email.reset.action': ['Đặt mật khẩu mới', 'Set a new password'],
  'email.reset.notYou': [
    'Nếu bạn không yêu cầu, hãy bỏ qua thư này; mật khẩu của bạn vẫn giữ nguyên.',
    'If you did not ask for this, ignore this email; your password stays the same.',
  ],
  'email.passwordChanged.subject': ['Mật khẩu của bạn đã được thay đổi', 'Your password has been changed'],
  'email.passwordChanged.body': ['Mật khẩu tài khoản của bạn đã được thay đổi lúc {at}.', 'The password of your account was changed at {at}.'],
  'email.passwordChanged.notYou': [
    'Nếu không phải bạn thay đổi, hãy đặt lại mật khẩu ngay và báo cho Quỹ.',
    'If this was not you, reset your password now and tell the Fund.',
  ],
  'email.passwordChanged.action': ['Đặt lại mật khẩu', 'Reset my password'],
  'email.invitation.subject': ['Lời mời tham gia cổng hồ sơ trực tuyến của Quỹ', 'Invitation to the Fund’s online portal'],
  'email.invitation.body': [
    '{inviter} mời bạn tham gia cổng hồ sơ trực tuyến của Quỹ với vai trò: {roles}. Hãy đặt mật khẩu để kích hoạt tài khoản.',
    '{inviter} has invited you to the Fund’s online portal as {roles}. Choose a password to activate your account.',
  ],
  'email.invitation.action': ['Kích hoạt tài khoản', 'Activate my account'],
  'email.accountExists.subject': ['Bạn đã có tài khoản trên cổng của Quỹ', 'You already have an account on the Fund’s portal'],
  'email.accountExists.body': [
    'Có người (có thể là bạn) vừa đăng ký tài khoản mới bằng địa chỉ thư điện tử này. Địa chỉ này đã có tài khoản, nên không có tài khoản mới nào được tạo.',
    'Someone (perhaps you) just tried to create an account with this email address. It already has an account, so no new one was created.',
  ],
  'email.accountExists.reset': ['Nếu bạn quên mật khẩu, hãy đặt lại tại {link}', 'If you have forgotten your password, reset it at {link}'],
  'email.accountExists.action': ['Đăng nhập', 'Sign in'],
  'email.accountExists.notYou': ['Nếu không phải bạn, hãy bỏ qua thư này.', 'If this was not you, ignore this email.'],
  'email.signInPaused.subject': [
    'Tài khoản của bạn tạm ngừng đăng nhập vì nhập sai mật khẩu nhiều lần',
    'Sign-in to your account is paused after repeated wrong passwords',
  ],
  'email.signInPaused.body': [
    'Vừa có người thử đăng nhập vào tài khoản của bạn nhiều lần với mật khẩu sai. Để bảo vệ tài khoản, cổng tạm ngừng nhận đăng nhập vào tài khoản này đến {until}, kể cả khi mật khẩu đúng.',
    'Someone has just tried many times to sign in to your account with a wrong password. To protect your account, the portal accepts no sign-in to it until {until}, not even with the right password.',
  ],
  'email.signInPaused.ifYou': [
    'Nếu đó là bạn và bạn không nhớ mật khẩu, hãy đặt mật khẩu mới bằng nút dưới đây: khi đặt xong, bạn đăng nhập được ngay.',
    'If that was you and you cannot remember your password, set a new one with the button below: once it is set, you can sign in straight away.',
  ],
  'email.signInPaused.notYou': [
    'Nếu không phải bạn, có thể ai đó đang dò mật khẩu của bạn; những lần thử này đều không thành công. Để an toàn, hãy đặt một mật khẩu mới, đủ dài và không dùng ở nơi khác.',
    'If it was not you, someone may be trying to guess your password; none of these attempts succeeded. To be safe, set a new password that is long and not used anywhere else.',
  ],
  'email.signInPaused.action': ['Đặt mật khẩu mới', 'Set a new password'],
})
