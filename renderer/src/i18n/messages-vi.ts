import type { MessageId } from '../../../shared/messages';

/**
 * The engine's and helpers' messages in Vietnamese, by the same keys as shared/messages.ts.
 * `{detail}` (the OS's or the engine's own words) is never part of a line here: the UI shows
 * it apart. `{state}` and `{action}` arrive already translated.
 */
// ssh's last line (the detail) is shown apart, so with it and without it read the same here.
const SSH_HINT = '`{ssh} docker version` phải chạy được từ tài khoản này';
const SSH_FAILED = { message: '{where}: ssh không thành công', hint: SSH_HINT };
const SSH_FAILED_EXIT = { message: '{where}: ssh không thành công (mã thoát {status})', hint: SSH_HINT };

// Hints several messages share.
const CANNOT_LAUNCH =
  'hãy cài gói deb/rpm (gói cài chính sách polkit) và pkexec, hoặc cài sudo (ứng dụng sẽ hỏi mật khẩu; CLI cần SUDO_ASKPASS), hoặc vào nhóm docker và dùng docker-helper, hoặc chạy bằng root';
const REINSTALL = 'ứng dụng và host helper khác phiên bản hoặc bản build: hãy cài lại gói nsinspect (từ mã nguồn: `npm run build`)';
const SOCKET_RULE = 'host helper chỉ nói chuyện với socket engine cục bộ do root hoặc bạn sở hữu, trong thư mục chỉ root hoặc bạn sửa được';
const SSH_URL_FORM = 'hãy viết dạng ssh://[user@]host[:port], như `docker context create --docker host=…` nhận';

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
  'inroot.missing': { message: '{path} trong {root}: không tồn tại' },
  'inroot.loop': { message: '{path} trong {root}: quá nhiều tầng liên kết tượng trưng' },
  'inroot.bad-link': { message: '{path} trong {root}: một liên kết tượng trưng không đọc được' },
  'inroot.not-dir': { message: '{path} trong {root}: không phải thư mục' },
  'inroot.wrong-type': { message: '{path} trong {root}: không phải loại tệp được yêu cầu, không đọc' },
  'inroot.too-large': { message: '{path} trong {root}: lớn hơn {mib} MiB, không đọc' },
  'inroot.changed': { message: '{path} trong {root}: đã thay đổi trong lúc đọc (một thành phần bị thay thế), không đọc' },
  'inroot.not-regular': { message: '{path} trong {root}: không phải tệp thường, không đọc' },
  'inroot.timeout': { message: '{path} trong {root}: không có trả lời trong {seconds} giây' },
  'inroot.no-answer': { message: '{path} trong {root}: không có trả lời' },
  'inroot.helper-failed': { message: '{path} trong {root}: helper không đọc được' },
  'read.not-a-directory': { message: '{path} không phải thư mục trong lớp này' },
  'read.unresolved': { message: 'không phân giải được đường dẫn' },
  'read.not-container-main': {
    message: 'PID {pid} không phải tiến trình chính của một container: host helper không đọc tệp của nó',
    hint: 'host helper chỉ đọc tệp của tiến trình chính của các container: hãy chạy bằng root với backend direct để đọc tệp của tiến trình này',
  },
  'read.pid-elsewhere': { message: 'PID {pid} không thuộc container {name}', hint: 'container vừa khởi động lại: hãy xem lại' },
  'read.unchecked': { message: 'chưa được kiểm tra', hint: 'hãy xem lại; host helper chưa kiểm tra thư mục gốc của tiến trình này' },
  'read.not-through-helper': {
    message: 'không đọc được qua host helper',
    hint: 'host helper chỉ đọc những tệp nsinspect cần: hãy chạy bằng root với backend direct để đọc các tệp khác',
  },
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
  'shell.docker-helper-died': { message: 'container docker-helper {name} đã dừng; một cái mới đang được khởi động: hãy mở lại terminal' },
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
  'shell.bad-namespaces': { message: 'namespaces phải là một danh sách', hint: 'hãy đưa danh sách namespace, ví dụ `--ns net,pid`' },
  'shell.unknown-namespace': { message: 'namespace lạ “{type}”', hint: 'hãy chọn trong số {types}' },
  'shell.unknown-preset': { message: 'preset lạ “{preset}”', hint: 'hãy dùng {presets}' },
  'shell.bad-argv': { message: '{what} phải là danh sách tối đa 64 chuỗi', hint: 'hãy đưa tối đa 64 tham số' },
  'shell.long-argument': {
    message: '{what}: mỗi tham số phải là chuỗi tối đa 4096 ký tự',
    hint: 'hãy rút ngắn tham số, hoặc đặt nó vào một script trong container',
  },
  'shell.nul-argument': { message: '{what}: có byte NUL trong một tham số', hint: 'hãy bỏ byte NUL khỏi tham số' },
  'shell.bad-cwd': {
    message: 'thư mục làm việc phải là đường dẫn tuyệt đối, không có byte NUL',
    hint: 'hãy nhập nó như container thấy, ví dụ /srv/app',
  },
  'shell.bad-user': {
    message: 'người dùng phải có dạng tên, uid, tên:nhóm hoặc uid:gid',
    hint: 'ví dụ `--user www-data`, hoặc `--user 1000:1000`',
  },
  'shell.bad-size': { message: '{what} phải là số nguyên từ 2 đến 1000', hint: 'hãy cho cửa sổ terminal một kích thước bình thường' },
  'shell.bad-kind': {
    message: 'kiểu terminal phải là nsenter hoặc docker-exec',
    hint: 'hãy mở terminal bằng nsenter hoặc bằng exec của engine',
  },
  'shell.bad-unconfined': {
    message: 'giá trị “không giới hạn” phải là đúng hoặc sai',
    hint: 'hãy chọn hoặc bỏ chọn “Chạy không giới hạn”',
  },
  'shell.containerd-no-exec': {
    message: '{name} là container của containerd: nsinspect không có exec qua engine cho nó',
    hint: 'hãy dùng shell nsenter (không có `--exec`), hoặc `ctr tasks exec`',
  },
  'shell.unconfinable': {
    message:
      'không thể giới hạn hệ thống tệp của container cùng các namespace {types} của host như container: chương trình của nó sẽ chạy bằng root trên host mà không có các giới hạn của container',
    hint: 'hãy chọn mọi namespace container có ({own}) để chạy qua exec của engine như `docker exec`, hoặc bỏ chọn mnt để dùng chương trình của host; hoặc chủ động chọn: `--unconfined` (trong ứng dụng: “Chạy không giới hạn”)',
  },
  'shell.unconfinable-one': {
    message:
      'không thể giới hạn hệ thống tệp của container cùng namespace {types} của host như container: chương trình của nó sẽ chạy bằng root trên host mà không có các giới hạn của container',
    hint: 'hãy chọn mọi namespace container có ({own}) để chạy qua exec của engine như `docker exec`, hoặc bỏ chọn mnt để dùng chương trình của host; hoặc chủ động chọn: `--unconfined` (trong ứng dụng: “Chạy không giới hạn”)',
  },
  'shell.no-exec-unconfinable': {
    message:
      'không thể giới hạn shell trong toàn bộ container ({own}) ở đây: containerd không có exec qua nsinspect, còn nsenter sẽ chạy chương trình của container bằng root trên host mà không có các giới hạn của container',
    hint: 'hãy bỏ chọn mnt để dùng chương trình của host trong các namespace của container (ví dụ `--ns net,uts,ipc,pid`), dùng `ctr tasks exec`, hoặc chủ động chọn: `--unconfined` (trong ứng dụng: “Chạy không giới hạn”)',
  },
  'nsenter.bad-pid': { message: 'PID {pid} không hợp lệ', hint: 'hãy đưa PID của một tiến trình đang chạy (xem `ps`)' },
  'nsenter.host-needs-path': {
    message: 'nsenter của host cần PID tham chiếu của host và một đường dẫn tuyệt đối',
    hint: 'hãy chọn nsenter khác trong Cài đặt, hoặc khởi động lại helper',
  },
  'nsenter.relative-program': {
    message: 'chương trình phải là đường dẫn tuyệt đối',
    hint: 'hãy nhập chương trình bằng tên trần hoặc đường dẫn tuyệt đối, ví dụ /bin/sh',
  },
  'program.bad-name': { message: 'chương trình “{program}” phải là tên trần hoặc đường dẫn tuyệt đối', hint: 'ví dụ sh hoặc /bin/sh' },
  'cli.bad-limit': { message: '`--limit` phải là số nguyên từ 1 đến {max}', hint: 'ví dụ `--limit 5000`' },
  'serve.no-renderer': { message: 'renderer chưa được build', hint: 'hãy chạy `npm run build`, hoặc đặt NSINSPECT_RENDERER_DIR' },
  'container.bad-name': { message: '{ref} không phải tên hay ID của container', hint: 'hãy dùng tên hoặc ID lấy từ `nsinspect ls`' },
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

  'endpoint.why-host-option': { message: 'đã đưa `--host`' },
  'endpoint.why-docker-host': { message: 'biến DOCKER_HOST được đặt' },
  'endpoint.why-both-options': { message: 'đã đưa cả `--host` lẫn `--context`' },
  'endpoint.why-context-option': { message: 'đã đưa `--context` (context “{name}”)' },
  'endpoint.why-context-env': { message: 'biến DOCKER_CONTEXT được đặt (context “{name}”)' },
  'endpoint.why-context-config': { message: 'currentContext trong {config} (context “{name}”)' },
  'endpoint.why-found': { message: 'đã tìm thấy socket {path}' },
  'endpoint.why-found-skipping': { message: 'đã tìm thấy socket {path}; đã bỏ qua các socket không được mở' },
  'endpoint.why-denied': { message: 'đã tìm thấy socket {path}, nhưng không được mở nó' },
  'endpoint.why-denied-skipping': { message: 'đã tìm thấy socket {path}, nhưng không được mở nó; đã bỏ qua các socket không được mở khác' },
  'endpoint.why-none-found': { message: 'không tìm thấy socket engine nào; thử socket mặc định /var/run/docker.sock' },
  'endpoint.why-all': { message: 'mọi engine (`--engine all`)' },
  'endpoint.why-containerd-address': { message: 'biến CONTAINERD_ADDRESS được đặt' },
  'endpoint.why-containerd-found': { message: 'đã tìm thấy socket containerd {path}' },
  'endpoint.why-containerd-default': { message: 'không tìm thấy socket containerd; thử socket mặc định {path}' },
  'endpoint.both-options': {
    message: 'tùy chọn mâu thuẫn: chỉ dùng --host hoặc --context, không dùng cả hai',
    hint: 'hãy chỉ đưa một trong hai, như với docker CLI',
  },
  'endpoint.no-context-env': {
    message: 'không tìm thấy context “{name}” (các context được đọc từ {dir})',
    hint: 'hãy bỏ DOCKER_CONTEXT hoặc đặt tên một context mà `nsinspect contexts` liệt kê',
  },
  'endpoint.no-context-option': {
    message: 'không tìm thấy context “{name}” (các context được đọc từ {dir})',
    hint: 'hãy đặt tên một context mà `nsinspect contexts` liệt kê',
  },
  'endpoint.no-context-config': {
    message: 'không tìm thấy context “{name}” (các context được đọc từ {dir})',
    hint: 'hãy chọn một context bằng `docker context use NAME`, hoặc sửa {config}',
  },
  'endpoint.context-no-docker': {
    message: 'context “{name}” không có endpoint Docker',
    hint: 'hãy chọn context khác, hoặc đặt DOCKER_HOST',
  },
  'endpoint.not-url': {
    message: 'endpoint engine “{url}” không phải URL',
    hint: 'hãy dùng `unix://`, `tcp://`, `http://`, `https://` hoặc `ssh://`, ví dụ `unix:///var/run/docker.sock`',
  },
  'endpoint.unsupported': {
    message: 'không hỗ trợ endpoint engine {url}: không hỗ trợ {scheme}://',
    hint: 'hãy trỏ DOCKER_HOST (hoặc context) tới một địa chỉ `unix://`, `tcp://`, `http://`, `https://` hoặc `ssh://`',
  },
  'endpoint.npipe': {
    message: 'không hỗ trợ endpoint engine {url}: không hỗ trợ {scheme}:// (named pipe chỉ có trên Windows)',
    hint: 'hãy trỏ DOCKER_HOST (hoặc context) tới một địa chỉ `unix://`, `tcp://`, `http://`, `https://` hoặc `ssh://`',
  },
  'engine.call-timeout': {
    message: 'engine không trả lời trong {seconds} giây',
    hint: 'có thể engine hoặc container đó bị treo: kiểm tra `docker info` và `docker inspect` của nó, khởi động lại nếu chúng cũng treo, rồi thử lại',
  },
  'engine.no-docker': {
    message: 'không có engine Docker nào trong các engine đang dùng',
    hint: 'exec qua engine hay container helper cần API của Docker: hãy dùng --access direct (khi là root), hoặc thêm một engine Docker (--engine all)',
  },
  'engine.ambiguous': {
    message: '“{ref}” là tên container ở nhiều engine cùng lúc',
    hint: 'hãy chọn engine bằng --engine docker hoặc --engine containerd',
  },
  'engine.no-such-any': {
    message: 'không có container {ref} trên engine nào đang dùng',
    hint: 'xem danh sách bằng `nsinspect ls --engine all`',
  },
  'tls.unreadable': {
    message: 'cần TLS ({from}) nhưng không đọc được {path}',
    hint: 'hãy đặt ca.pem, cert.pem và key.pem trong DOCKER_CERT_PATH (hoặc trong context), như `docker --tlsverify` cần',
  },
  'tls.untrusted': {
    message: 'engine ở {url} đưa ra chứng chỉ mà {ca} không xác nhận',
    hint: 'hãy dùng ca.pem đã ký chứng chỉ của daemon (DOCKER_CERT_PATH hoặc tệp TLS của context); chứng chỉ của daemon phải ghi tên {host}',
  },
  'tls.failed': {
    message: 'TLS với engine ở {url} không thành công',
    hint: 'có thể daemon cần chứng chỉ client do CA của nó ký (cert.pem, key.pem), hoặc không dùng TLS trên cổng đó',
  },
  'ssh.bad-host': {
    message: '{url}: “{host}” không phải tên host',
    hint: SSH_URL_FORM,
  },
  'ssh.bad-user': {
    message: '{url}: “{user}” không phải tên người dùng',
    hint: SSH_URL_FORM,
  },
  'ssh.password-in-url': {
    message: '{url}: không hỗ trợ mật khẩu trong URL (hãy dùng khóa hoặc agent)',
    hint: SSH_URL_FORM,
  },
  'ssh.path-in-url': {
    message: '{url}: không hỗ trợ đường dẫn trong URL',
    hint: SSH_URL_FORM,
  },
  'ssh.unsafe-dir': {
    message: '{dir} không phải thư mục riêng của người dùng này (chủ sở hữu {uid}, quyền {mode})',
    hint: 'hãy xoá nó; nsinspect giữ các socket master của ssh ở đó và đặt quyền 0700',
  },
  'ssh.host-key-changed': {
    message: '{where}: khóa host của {host} đã đổi kể từ khi được thêm vào known_hosts; ssh từ chối kết nối',
    hint: 'hãy tìm hiểu lý do (host được cài lại, hay có kẻ đứng giữa); khi đã chắc, xoá khóa cũ bằng `ssh-keygen -R {key}`',
  },
  'ssh.host-key-unknown': {
    message: '{where}: khóa host của {host} chưa có trong known_hosts; ssh từ chối kết nối (nsinspect không bao giờ tắt bước kiểm tra)',
    hint: 'hãy kết nối một lần bằng `{ssh}`, so dấu vân tay rồi chấp nhận, hoặc thêm khóa đã kiểm tra vào ~/.ssh/known_hosts',
  },
  'ssh.key-refused': {
    message: '{where}: {host} từ chối khóa',
    hint: 'hãy nạp khóa vào agent (`ssh-add`), hoặc đặt IdentityFile cho {host} trong ~/.ssh/config; `{ssh}` phải đăng nhập được mà không cần mật khẩu',
  },
  'ssh.user-key-refused': {
    message: '{where}: {host} từ chối khóa của {user}',
    hint: 'hãy nạp khóa vào agent (`ssh-add`), hoặc đặt IdentityFile cho {host} trong ~/.ssh/config; `{ssh}` phải đăng nhập được mà không cần mật khẩu',
  },
  'ssh.unreachable': {
    message: '{where}: không kết nối được tới {host}',
    hint: 'hãy kiểm tra host và cổng; `{ssh}` phải kết nối được',
  },
  'ssh.no-docker': {
    message: '{where}: không có lệnh `docker` trên {host}',
    hint: 'hãy cài Docker CLI ở đó (nsinspect chỉ cần docker trên host từ xa), hoặc đưa nó vào PATH của phiên ssh không tương tác',
  },
  'ssh.no-dial-stdio': {
    message: '{where}: docker CLI trên {host} không có `docker system dial-stdio`',
    hint: 'hãy cập nhật Docker ở đó lên 18.09 hoặc mới hơn',
  },
  'ssh.docker-denied': {
    message: '{where}: {user} không được dùng engine trên {host}',
    hint: 'hãy thêm {user} vào nhóm docker trên {host}, rồi kết nối lại',
  },
  'ssh.docker-denied-anon': {
    message: '{where}: người dùng ssh không được dùng engine trên {host}',
    hint: 'hãy thêm người dùng đó vào nhóm docker trên {host}, rồi kết nối lại',
  },
  'ssh.no-engine': {
    message: '{where}: không có engine nào chạy trên {host}',
    hint: 'hãy khởi động nó ở đó: `sudo systemctl start docker`',
  },
  'ssh.failed': SSH_FAILED,
  'ssh.failed-exit': SSH_FAILED_EXIT,
  'ssh.failed-silent': SSH_FAILED,
  'ssh.failed-exit-silent': SSH_FAILED_EXIT,
  'ssh.no-client': { message: '{where}: không chạy được ssh', hint: 'hãy cài OpenSSH client (ssh)' },
  'containerd.not-unix': {
    message: 'địa chỉ containerd {url} không phải unix socket',
    hint: 'hãy đặt CONTAINERD_ADDRESS là đường dẫn socket hoặc unix:///path',
  },
  'containerd.no-docker-api': {
    message: 'containerd ({url}) không có API của Docker: không exec qua engine và không có container helper qua nó',
    hint: 'hãy dùng --access direct (khi là root), hoặc một shell với các namespace bạn chọn',
  },
  'containerd.timeout': {
    message: 'containerd không trả lời trong {seconds} giây',
    hint: 'hãy kiểm tra `ctr version`; khởi động lại containerd',
  },
  'containerd.unreachable': {
    message: 'không kết nối được containerd ở {url}',
    hint: 'hãy khởi động containerd (ví dụ `sudo systemctl start containerd`), hoặc trỏ CONTAINERD_ADDRESS tới socket của nó',
  },
  'containerd.ambiguous': { message: '“{ref}” khớp với {n} container của containerd', hint: 'hãy gõ đủ ID, hoặc thêm ký tự của nó' },
  'containerd.no-such': {
    message: 'không có container {ref} (trên containerd {url})',
    hint: 'xem danh sách bằng `nsinspect ls --engine containerd`, hoặc trỏ CONTAINERD_ADDRESS tới containerd có nó',
  },
  'containerd.removed': { message: 'không có container {ref} (trên containerd {url})', hint: 'nó vừa bị xoá' },
  'containerd.not-running': {
    message: 'container {name} không chạy ({state})',
    hint: 'hãy khởi động task của nó: `ctr -n {namespace} tasks start -d {id}`',
  },
  'containerd.no-actions': {
    message: '{name} là container của containerd: nsinspect không {action} container qua containerd',
    hint: 'hãy dùng nerdctl hoặc ctr (ctr -n {namespace} tasks …)',
  },
  'containerd.pod-actions': {
    message: '{name} là container của containerd: nsinspect không {action} container qua containerd',
    hint: 'pod của nó do kubelet quản lý: hãy dùng kubectl',
  },
  'where.no-layers': {
    message: 'container {name} không chạy và engine không báo thư mục lớp nào của nó ({driver})',
    hint: 'hãy khởi động nó (`docker start {name}`) rồi hỏi lại',
  },
  'where.no-layer-data': {
    message: 'container {name} không chạy và engine không báo thư mục lớp nào của nó (không có dữ liệu storage driver)',
    hint: 'hãy khởi động nó (`docker start {name}`) rồi hỏi lại',
  },

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
  'access.why-root': { message: 'đang chạy bằng root' },
  'access.why-not-root': { message: 'không chạy bằng root' },
  'access.why-remote': { message: 'engine ở một máy khác ({url})' },
  'access.why-root-unreachable': { message: 'đang chạy bằng root (chưa kết nối được engine)' },
  'access.why-unreachable': { message: 'không chạy bằng root và chưa kết nối được engine' },
  'access.why-readable': { message: 'đọc được các namespace của {name} từ đây' },
  'access.why-owned': {
    message: 'các tiến trình của {name} nằm trong một user namespace do người dùng này sở hữu (uid {uid} là uid {inner} ở đó)',
  },
  'access.why-unreadable': { message: 'từ đây không thấy hoặc không đọc được tiến trình của các container của engine ({which})' },
  'access.why-root-local': { message: 'đang chạy bằng root cạnh một engine cục bộ' },
  'access.why-rootless': { message: 'engine rootless: container của nó là tiến trình của người dùng này' },
  'access.why-not-local': { message: 'engine không ở máy này' },
  'access.why-fixed': { message: 'do cài đặt chỉ định' },
  'access.why-helper-runs': { message: 'engine chạy container helper ({image})' },
  'access.why-host-remote': { message: 'nó đọc máy này, còn engine ở một máy khác ({url})' },
  'access.why-host-helper-runs': { message: 'host helper chạy bằng root (khởi động bằng {how})' },
  'access.why-starting': { message: 'đang khởi động' },
  'access.why-switching': { message: 'đang khởi động backend đã chọn' },
  'access.why-helper-restarting': { message: 'container helper đã dừng: đang khởi động cái mới' },
  'access.why-helper-restarted': { message: 'đã khởi động lại container helper sau khi cái trước dừng' },
  'access.why-helper-restart-failed': { message: 'container helper đã dừng, và không khởi động được cái mới' },
  'access.why-fixed-failed': { message: '{kind} (do cài đặt chỉ định) không khởi động được' },
  'access.why-none': { message: 'không backend nào khởi động được' },
  'access.none': {
    message: 'không backend truy cập nào đọc được namespace của các container',
    hint: 'hãy vào nhóm docker (rồi đăng nhập lại) để dùng docker-helper, hoặc cài gói deb/rpm kèm chính sách polkit (hoặc sudo) để dùng host-helper, hoặc chạy bằng root',
  },
  'access.none-image': {
    message: 'không backend truy cập nào đọc được namespace của các container',
    hint: 'hãy nạp image helper (`docker pull {image}`, hoặc `docker load` khi không có mạng) hoặc chỉ ra một image có sẵn bằng `--helper-image` cho docker-helper, hoặc cài gói deb/rpm kèm chính sách polkit (hoặc sudo) để dùng host-helper, hoặc chạy bằng root',
  },
  'access.none-remote': {
    message: 'không backend truy cập nào đọc được namespace của các container',
    hint: 'chỉ docker-helper đọc được namespace của engine ở máy khác; hãy nạp image của nó lên đó (trên một máy kéo được nó: `docker pull {image} && docker save {image} | {load}`; hoặc chọn image khác có sh và nsenter: Cài đặt, hoặc `--helper-image IMAGE`)',
  },
  'access.none-remote-pinned': {
    message: 'không backend truy cập nào đọc được namespace của các container',
    hint: 'chỉ docker-helper đọc được namespace của engine ở máy khác; hãy nạp image của nó lên đó (trên một máy kéo được nó: `docker pull {image} && docker tag {image} {tagged} && docker save {tagged} | {load}`, rồi chọn {tagged}: Cài đặt, hoặc `--helper-image {tagged}`; hoặc chọn image khác có sh và nsenter: Cài đặt, hoặc `--helper-image IMAGE`)',
  },
  'helper.rootless': {
    message:
      'container helper ({image}) không khởi động được: engine chạy rootless, và engine rootless không thể cho container dùng PID namespace của host',
    hint: 'hãy dùng `--access direct`: container của engine rootless là tiến trình của chính bạn, nsinspect đọc được mà không cần helper',
  },
  'helper.unpullable': {
    message: 'engine không có image helper {image} và không kéo (pull) được',
    hint: 'trên một máy kéo được nó: `docker pull {image} && docker save {image} | {load}`; hoặc chọn image khác có sh và nsenter (Cài đặt, hoặc `--helper-image IMAGE`)',
  },
  'helper.unpullable-pinned': {
    message: 'engine không có image helper {image} và không kéo (pull) được',
    hint: 'trên một máy kéo được nó: `docker pull {image} && docker tag {image} {tagged} && docker save {tagged} | {load}`, rồi chọn {tagged} (Cài đặt, hoặc `--helper-image {tagged}`); hoặc chọn image khác có sh và nsenter (Cài đặt, hoặc `--helper-image IMAGE`)',
  },
  'helper.gone': {
    message: 'container docker-helper {name} không còn nữa',
    hint: 'một helper mới sẽ tự khởi động; hãy thử lại sau giây lát (hoặc chọn backend khác trong Cài đặt)',
  },
  'settings.unsaved': { message: 'không lưu được cài đặt ({path})', hint: 'hãy kiểm tra thư mục đó có ghi được không' },
  'host-helper.no-agent': {
    message:
      'host helper chưa được khởi động: phiên này không có tác tử xác thực polkit nào chạy, nên pkexec không hỏi được mật khẩu quản trị',
    hint: 'hãy đăng nhập vào một phiên desktop có tác tử polkit (GNOME, KDE, Xfce và hầu hết desktop đều tự chạy; trên window manager trần hãy tự chạy một cái, ví dụ lxpolkit hay polkit-gnome), hoặc dùng docker-helper (vào nhóm docker; `--access docker-helper`, hoặc chọn nó trong Cài đặt)',
  },
  'host-helper.pkexec-cancelled': {
    message: 'đã huỷ xác thực: host helper chưa được khởi động',
    hint: 'hãy thử lại (yêu cầu sau sẽ hỏi lại), hoặc dùng docker-helper (vào nhóm docker; `--access docker-helper`, hoặc chọn nó trong Cài đặt)',
  },
  'host-helper.pkexec-refused': {
    message: 'polkit không cho phép host helper (action {action}): sai mật khẩu, hoặc tài khoản này không được quản trị máy',
    hint: 'hãy hỏi quản trị viên, hoặc dùng docker-helper (vào nhóm docker; `--access docker-helper`, hoặc chọn nó trong Cài đặt)',
  },
  'host-helper.pkexec-failed': {
    message: 'không khởi động được host helper bằng pkexec',
    hint: 'hãy kiểm tra bản cài đặt (`pkaction --action-id {action}` phải liệt kê action đó; cài lại gói nsinspect), hoặc dùng docker-helper (vào nhóm docker; `--access docker-helper`, hoặc chọn nó trong Cài đặt)',
  },
  'host-helper.not-built': {
    message: 'script của host helper chưa được build',
    hint: 'hãy chạy `npm run build` (nó ghi ra `out/helper/host-helper.cjs`)',
  },
  'host-helper.no-pkexec': { message: 'không khởi động được host helper: chưa cài pkexec', hint: CANNOT_LAUNCH },
  'host-helper.missing': {
    message: 'không khởi động được host helper: thiếu {file} (chỉ gói deb/rpm cài nó): dùng docker-helper thay thế',
    hint: CANNOT_LAUNCH,
  },
  'host-helper.missing-no-sudo': {
    message:
      'không khởi động được host helper: thiếu {file} (chỉ gói deb/rpm cài nó): dùng docker-helper thay thế; sudo cũng chưa được cài',
    hint: CANNOT_LAUNCH,
  },
  'host-helper.appimage': {
    message:
      'không khởi động được host helper: ứng dụng chạy từ AppImage (gắn ở một đường dẫn ngẫu nhiên mà exec.path của polkit không khớp được): dùng docker-helper thay thế',
    hint: CANNOT_LAUNCH,
  },
  'host-helper.appimage-no-sudo': {
    message:
      'không khởi động được host helper: ứng dụng chạy từ AppImage (gắn ở một đường dẫn ngẫu nhiên mà exec.path của polkit không khớp được): dùng docker-helper thay thế; sudo cũng chưa được cài',
    hint: CANNOT_LAUNCH,
  },
  'host-helper.no-hello': {
    message: 'host helper không chào hỏi (hello) khi khởi động',
    hint: REINSTALL,
  },
  'host-helper.protocol': {
    message: 'host helper đã cài dùng giao thức phiên bản {theirs}, nsinspect này dùng {ours}',
    hint: 'hãy cài lại gói nsinspect để helper đã cài khớp với ứng dụng (`sudo apt reinstall nsinspect`, `sudo dnf reinstall nsinspect`); từ mã nguồn: `npm run build`',
  },
  'host-helper.wrong-mode': {
    message: 'host helper được khởi động cho chế độ {theirs}, không phải {ours}',
    hint: 'hãy cài lại gói nsinspect',
  },
  'host-helper.wrong-caller': {
    message: 'host helper được cấp quyền cho uid {theirs}, không phải uid {ours} của tiến trình này',
    hint: 'helper này do người dùng khác khởi động: hãy thử lại từ phiên của chính bạn, hoặc chọn backend truy cập khác trong Cài đặt',
  },
  'host-helper.garbled': {
    message: 'lỗi giao thức với host helper',
    hint: REINSTALL,
  },
  'host-helper.no-askpass': {
    message: 'ở đây không có cách nào hỏi mật khẩu sudo',
    hint: 'hãy đặt SUDO_ASKPASS, hoặc dùng ứng dụng desktop hay `nsinspect serve`',
  },
  'host-helper.spawn-failed': {
    message: 'không khởi động được host helper ({how})',
    hint: 'hãy kiểm tra {how} đã được cài, hoặc chọn backend truy cập khác trong Cài đặt',
  },
  'host-helper.unsendable': {
    message: 'không gửi được yêu cầu {verb}',
    hint: REINSTALL,
  },
  'wire.not-object': {
    message: 'tham số phải là một đối tượng',
    hint: REINSTALL,
  },
  'wire.unknown-verb': {
    message: 'yêu cầu lạ',
    hint: REINSTALL,
  },
  'wire.unknown-read': {
    message: 'kiểu đọc lạ',
    hint: REINSTALL,
  },
  'wire.paths-not-list': {
    message: 'các đường dẫn phải là một danh sách',
    hint: REINSTALL,
  },
  'wire.probe-not-object': {
    message: 'yêu cầu thăm dò phải là một đối tượng',
    hint: REINSTALL,
  },
  'wire.unknown-probe': {
    message: 'lệnh thăm dò lạ “{kind}”',
    hint: REINSTALL,
  },
  'wire.bad-pid': {
    message: 'PID phải là số nguyên dương',
    hint: REINSTALL,
  },
  'wire.probe-fields': {
    message: '{kind} nhận {fields}',
    hint: REINSTALL,
  },
  'wire.engine-not-path': {
    message: 'engine phải là đường dẫn tới một unix socket',
    hint: REINSTALL,
  },
  'wire.user-not-string': {
    message: 'người dùng phải là một chuỗi',
    hint: REINSTALL,
  },
  'wire.bad-signal': {
    message: 'không cho phép tín hiệu {signal}',
    hint: REINSTALL,
  },
  'helper.read-only': {
    message: 'host helper này chỉ được cấp quyền đọc namespace; nó không mở shell và không chạy chương trình',
    hint: 'shell root qua host helper cần quyền riêng (polkit action io.nsinspect.host-shell): nsinspect sẽ khởi động helper thứ hai cho việc đó',
  },
  'helper.shells-only': { message: 'host helper này chỉ mở shell', hint: 'việc thăm dò dùng helper đọc' },
  'helper.whole-container': {
    message: 'shell trong mọi namespace của container được mở bằng exec của engine, không phải bằng host helper',
    hint: 'hãy mở nó qua nsinspect, vốn dùng engine cho việc này',
  },
  'helper.no-engine-socket': {
    message: 'không có socket engine ở /var/run/docker.sock',
    hint: 'hãy khởi động engine, hoặc chỉ ra socket của nó (DOCKER_HOST=unix:///path)',
  },
  'helper.engine-unreachable': {
    message: 'không kết nối được engine ở unix://{socket}',
    hint: 'hãy khởi động engine (ví dụ `sudo systemctl start docker`), hoặc trỏ DOCKER_HOST tới nó',
  },
  'helper.engine-status': { message: 'engine trả lời mã {status}', hint: 'nhật ký của engine nói rõ hơn: `journalctl -u docker`' },
  'helper.engine-not-json': {
    message: 'engine trả lời một thứ không phải JSON',
    hint: 'hãy kiểm tra socket đó là engine Docker hoặc Podman',
  },
  'helper.engine-no-id': { message: 'engine không trả về ID container', hint: 'hãy kiểm tra socket đó là engine Docker hoặc Podman' },
  'helper.pid-moved': {
    message: 'PID {pid} không thuộc container {name} (giờ là {now})',
    hint: 'container vừa khởi động lại: hãy thử lại',
  },
  'helper.command-timeout': {
    message: '{program} không xong trong {seconds} giây',
    hint: 'hãy thử lại; nếu nó lại treo, có thể namespace hoặc tiến trình bị treo: hãy mở terminal và chạy {program} ở đó',
  },
  'helper.command-flood': {
    message: '{program} in ra hơn {mib} MiB',
    hint: 'namespace này có nhiều hơn mức nsinspect đọc một lần (ví dụ một bảng định tuyến rất lớn): hãy mở terminal và chạy {program} ở đó',
  },
  'helper.ns-gone': { message: '{path} không còn: container {name} đã dừng', hint: 'hãy khởi động lại nó, rồi thử lại' },
  'helper.ns-exited': { message: '{path} không còn: tiến trình đã kết thúc', hint: 'hãy thử lại với một tiến trình đang chạy' },
  'helper.ns-unopened': { message: 'không mở được {path}', hint: 'hãy kiểm tra host helper chạy bằng root' },
  'engine-socket.bad-path': {
    message: 'từ chối socket engine {socket}: không phải đường dẫn socket tuyệt đối dài tối đa {max} byte (không nhận URL)',
    hint: SOCKET_RULE,
  },
  'engine-socket.not-normal': {
    message: 'từ chối socket engine {socket}: đường dẫn chưa chuẩn hoá',
    hint: SOCKET_RULE,
  },
  'engine-socket.unresolved': {
    message: 'từ chối socket engine {socket}: không phân giải được đường dẫn',
    hint: SOCKET_RULE,
  },
  'engine-socket.symlink': {
    message: 'từ chối socket engine {socket}: nó đi qua một symlink (tới {real})',
    hint: SOCKET_RULE,
  },
  'engine-socket.not-socket': {
    message: 'từ chối socket engine {socket}: đó không phải socket',
    hint: SOCKET_RULE,
  },
  'engine-socket.foreign-owner': {
    message: 'từ chối socket engine {socket}: thuộc uid {uid}, không phải root cũng không phải người gọi (uid {caller})',
    hint: SOCKET_RULE,
  },
  'engine-socket.open-dir': {
    message: 'từ chối socket engine {socket}: người khác sửa được thư mục {dir} của nó (chủ sở hữu uid {uid}, quyền {mode})',
    hint: SOCKET_RULE,
  },
};
