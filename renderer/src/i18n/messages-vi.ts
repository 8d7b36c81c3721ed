import type { MessageId } from '../../../shared/messages';

/**
 * The engine's and helpers' messages in Vietnamese, by the same keys as shared/messages.ts.
 * `{detail}` (the OS's or the engine's own words) is never part of a line here: the UI shows
 * it apart. `{state}` and `{action}` arrive already translated.
 */
export const messagesVi: Record<MessageId, { message: string; hint?: string }> = {
  'container.not-running': {
    message: 'container {name} không chạy ({state})',
    hint: 'hãy khởi động nó: `docker start {name}`',
  },
  'container.no-such': {
    message: 'không có container {ref} (trên {endpoint})',
    hint: 'xem danh sách bằng `nsinspect ls`, hoặc trỏ DOCKER_HOST/DOCKER_CONTEXT tới engine có nó',
  },
  'container.removed': {
    message: 'không có container {name}',
    hint: 'nó vừa bị xoá; danh sách luôn theo engine',
  },
  'container.ambiguous': { message: '“{ref}” khớp với {n} container', hint: 'hãy gõ thêm ký tự của ID' },
  'container.bad-ref': { message: 'engine không nhận “{ref}”', hint: 'hãy gõ đủ tên hoặc thêm ký tự của ID' },
  'container.wedged': {
    message: 'engine không trả lời về container {ref} trong {seconds} giây',
    hint: 'có thể container bị treo (`docker inspect` cũng treo); hãy khởi động lại nó, hoặc khởi động lại engine',
  },
  'pid.not-container': { message: 'PID {pid} không còn thuộc container {name} (nó đã dừng, hoặc PID đã bị dùng lại)' },
  'pid.no-such': { message: 'không có tiến trình nào có PID {pid}', hint: 'kiểm tra PID bằng `ps`' },
  'engine.denied': {
    message: 'không kết nối được engine: bị từ chối quyền truy cập {url}',
    hint: 'thêm người dùng vào nhóm docker (rồi đăng nhập lại), hoặc chạy bằng root',
  },
  'engine.not-listening': {
    message: 'không kết nối được engine: không có engine nào lắng nghe ở {url}',
    hint: 'hãy khởi động engine (ví dụ `sudo systemctl start docker`), hoặc trỏ DOCKER_HOST tới nó',
  },
  'engine.unreachable': {
    message: 'không kết nối được engine ở {url}',
    hint: 'hãy khởi động engine (ví dụ `sudo systemctl start docker`), hoặc trỏ DOCKER_HOST tới nó',
  },
  'action.conflict': { message: 'không thể {action} {name}: engine từ chối', hint: 'xem `docker inspect {name}`' },
  'action.remove-conflict': {
    message: 'không thể xoá {name}: engine đang bận với nó',
    hint: 'hãy đợi engine xong việc với nó rồi thử lại',
  },
  'action.no-answer': {
    message: 'không thể {action} {name}: engine không trả lời',
    hint: 'kiểm tra engine còn chạy: `docker info`',
  },
  'action.failed': {
    message: 'không thể {action} {name}',
    hint: 'nhật ký của engine nói rõ hơn: `docker logs {name}`, hoặc `journalctl -u docker`',
  },
  'logs.failed': { message: 'không đọc được nhật ký của {name}', hint: 'xem `docker logs {name}`' },
  'path.not-absolute': {
    message: '“{path}” không phải đường dẫn tuyệt đối',
    hint: 'hãy nhập đường dẫn như container thấy, ví dụ /etc/hostname',
  },
  'upper.unlisted': { message: 'không liệt kê được lớp trên (upper) của {name}' },
  'upper.no-overlay': {
    message: '{name} không có lớp trên (upper) overlay để đọc (storage driver: {driver})',
    hint: 'màn hình này cần driver overlay2; `docker diff {name}` dùng được với mọi driver',
  },

  'read.denied': {
    message: 'không có quyền đọc {path}',
    hint: 'hãy chạy bằng root, hoặc bật helper đặc quyền (--access docker-helper|host-helper)',
  },
  'read.host-denied': {
    message: 'không có quyền đọc các namespace của host',
    hint: 'hãy chạy bằng root, hoặc bật helper đặc quyền (--access docker-helper|host-helper)',
  },
  'read.process-gone': { message: 'tiến trình đứng sau {path} đã kết thúc' },
  'read.vanished': { message: '{path} không tồn tại (tiến trình đã kết thúc?)' },
  'read.missing': { message: '{path} không tồn tại' },
  'read.failed': { message: 'không đọc được {path}' },
  'read.not-in-namespace': { message: 'không đọc được {path} bên trong namespace' },
  'read.not-regular': { message: '{path} không phải tệp thường: không đọc' },
  'read.too-large': { message: '{path} lớn hơn {mib} MiB: không đọc' },
  'read.timeout': { message: '{path}: không có trả lời trong {seconds} giây' },
  'read.helper-failed': { message: 'helper không đọc được {path}' },
  'read.not-in-root': { message: '{path} không nằm trong thư mục gốc của một tiến trình' },
  'read.not-a-directory': { message: '{path} không phải thư mục trong lớp này' },
  'read.unresolved': { message: 'không phân giải được đường dẫn' },
  'command.denied': {
    message: '{program}: không có quyền',
    hint: 'hãy chạy bằng root, hoặc bật helper đặc quyền (--access docker-helper|host-helper)',
  },
  'command.gone': { message: '{program}: tiến trình đã kết thúc' },
  'command.exit': { message: '{command} kết thúc với mã {status}' },
  'command.exit-silent': { message: '{command} kết thúc với mã {status}' },
  'command.timeout': { message: '{program} không xong trong {seconds} giây' },
  'command.unreadable': { message: 'không hiểu được kết quả của {command}' },
  'scan.failed': { message: 'quét tiến trình không thành công' },
  'nsenter.busybox': {
    message: 'nsenter (busybox) của image helper không vào được namespace {type}',
    hint: 'helper không tìm thấy nsenter của util-linux trên host của engine: hãy cài util-linux ở đó, hoặc dùng image helper có nsenter của util-linux (--helper-image), hoặc backend khác (direct khi là root, host-helper)',
  },
  'program.missing': { message: 'host chưa cài {program}' },
  'program.missing-engine-host': { message: 'host của engine chưa cài {program}' },

  'shell.backend-changed': { message: 'backend truy cập đã đổi trong lúc mở terminal', hint: 'hãy mở lại' },
  'shell.backend-switched': { message: 'backend truy cập đã được đổi trong Cài đặt: hãy mở lại terminal' },
  'shell.helper-exited': { message: 'host helper đã thoát: terminal này kết thúc theo; hãy mở lại' },
  'shell.no-program-container': { message: 'không tìm thấy {program} trong hệ thống tệp của container' },
  'shell.no-program-host': { message: 'không tìm thấy {program} trong hệ thống tệp của host' },
  'shell.no-shell-container': {
    message: 'không có shell (bash, ash, sh) trong hệ thống tệp của container',
    hint: 'bỏ chọn mnt để dùng công cụ của host, hoặc nhập một lệnh',
  },
  'shell.no-shell-host': {
    message: 'không có shell (bash, ash, sh) trong hệ thống tệp của host',
    hint: 'bỏ chọn mnt để dùng công cụ của host, hoặc nhập một lệnh',
  },
  'shell.no-user': { message: 'không có người dùng “{user}” trong /etc/passwd của đích' },
  'shell.no-group': { message: 'không có nhóm “{group}” trong /etc/group của đích' },
  'shell.engine-refused': {
    message: 'engine không chạy được {program} trong container {container}',
    hint: 'kiểm tra container bằng `docker inspect`, hoặc chọn --user hay --cwd khác',
  },
  'shell.no-exit-code': { message: 'luồng exec kết thúc mà không có mã thoát' },
  'shell.failed': { message: 'terminal gặp lỗi' },
  'shell.no-session': { message: 'không có phiên terminal này (nó đã kết thúc)', hint: 'hãy mở terminal mới' },
  'shell.pid-moved': { message: 'PID {pid} không còn thuộc container {name} (giờ là {now})' },
  'shell.pid-reused': { message: 'PID {pid} đã đổi chủ trong lúc mở shell; đã đóng nó' },
  'shell.confirm-pkexec': {
    message: 'thao tác này mở một shell root trên host: bạn sẽ được hỏi mật khẩu quản trị',
    hint: 'xác nhận để tiếp tục (polkit hỏi mật khẩu), hoặc mở shell qua docker-helper hay bằng docker exec',
  },
  'shell.confirm-sudo': {
    message: 'thao tác này mở một shell root trên host: bạn sẽ được hỏi mật khẩu quản trị',
    hint: 'xác nhận để tiếp tục (sudo hỏi mật khẩu), hoặc mở shell qua docker-helper hay bằng docker exec',
  },
  'link.lost': { message: 'mất kết nối tới nsinspect serve', hint: 'kiểm tra `nsinspect serve` còn chạy' },
  'link.down': { message: 'chưa có kết nối tới nsinspect serve', hint: 'đang kết nối lại…' },
  'link.no-token': {
    message: 'trang này không có token',
    hint: 'hãy mở URL mà `nsinspect serve` đã in ra (kết thúc bằng ?token=…)',
  },
  'face.no-terminals': { message: 'ở đây không có terminal', hint: 'hãy dùng ứng dụng desktop hoặc `nsinspect serve`' },
  'face.no-logs': { message: 'ở đây không xem được nhật ký', hint: 'hãy dùng ứng dụng desktop hoặc `nsinspect serve`' },
  'face.no-settings': { message: 'ở đây không có cài đặt', hint: 'hãy dùng ứng dụng desktop hoặc `nsinspect serve`' },
  'face.one-host': {
    message: 'giao diện này chỉ phục vụ một máy chủ engine',
    hint: 'để phục vụ nhiều máy: `nsinspect serve --context A --context B`',
  },
  'host.not-open': {
    message: 'máy chủ “{host}” chưa được mở',
    hint: 'hãy mở nó trong Cài đặt (Máy chủ), hoặc xem các context bằng `nsinspect contexts`',
  },
  'host.no-context': { message: 'không tìm thấy context “{host}”', hint: 'hãy chọn một context mà `nsinspect contexts` liệt kê' },
  'host.first': {
    message: 'máy chủ “{host}” là máy serve khởi động cùng',
    hint: 'nó luôn mở khi serve còn chạy',
  },
  'connection.closed': { message: 'kết nối này đã đóng' },
  'askpass.ended': { message: 'lời hỏi mật khẩu này đã kết thúc (đã trả lời ở cửa sổ khác, đã huỷ hoặc hết giờ)' },
  'api.bad-channel': { message: 'kênh API lạ “{channel}”' },
  'api.bad-arguments': { message: 'tham số sai cho {channel}' },
  'api.bad-frame': { message: 'đã từ chối một yêu cầu từ khung trang lạ' },
  'settings.invalid': { message: 'cài đặt không hợp lệ' },

  'helper.no-engine': { message: 'backend truy cập “{kind}” cần engine', hint: 'hãy dùng --access direct (khi là root)' },
  'helper.bad-image': { message: '“{image}” không phải tên image' },
  'helper.cannot-start': {
    message: 'không khởi động được container helper ({image})',
    hint: 'kiểm tra engine cho phép container --pid=host, hoặc dùng --access direct (root) hay host-helper',
  },
  'helper.image-unfit': {
    message: 'image helper {image} không dùng được',
    hint: 'hãy dùng image có `nsenter -t` và sh chạy được (image dựa trên busybox có cả hai): --helper-image IMAGE',
  },
  'helper.stopped': { message: 'container helper đã bị dừng' },
  'helper.exec-timeout': { message: '{program} trong helper quá {ms} ms' },
  'host-helper.cancelled': {
    message: 'đã huỷ xác thực: host helper chưa được khởi động',
    hint: 'thử lại (yêu cầu sau sẽ hỏi lại), hoặc chọn backend truy cập khác trong Cài đặt',
  },
  'host-helper.timeout': {
    message: 'hết giờ xác thực: không ai trả lời lời hỏi mật khẩu',
    hint: 'thử lại (yêu cầu sau sẽ hỏi lại), hoặc chọn backend truy cập khác trong Cài đặt',
  },
  'host-helper.wrong-password': {
    message: 'xác thực thất bại: sai mật khẩu',
    hint: 'thử lại (yêu cầu sau sẽ hỏi lại), hoặc chọn backend truy cập khác trong Cài đặt',
  },
  'host-helper.sudo-refused': {
    message: 'sudo từ chối khởi động host helper',
    hint: 'hãy xin quản trị viên quyền sudo, hoặc vào nhóm docker và dùng docker-helper',
  },
  'host-helper.sudo-failed': {
    message: 'không khởi động được host helper bằng sudo',
    hint: 'thử lại (yêu cầu sau sẽ hỏi lại), hoặc chọn backend truy cập khác trong Cài đặt',
  },
  'host-helper.exited': { message: 'host helper đã thoát', hint: 'nó sẽ được khởi động lại ở yêu cầu sau' },
  'host-helper.no-answer': { message: 'host helper không trả lời {verb} trong {seconds} giây' },
  'host-helper.not-root': { message: 'host helper không chạy bằng root' },
};
