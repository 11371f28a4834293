; Port literals in C++: the C patterns (grammars/c/ports.scm, kept in step), then C++'s own
; (member defaults, brace initialisation, cxxopts and Boost.Program_options, Asio, cpp-httplib,
; Qt, Crow). Captures: @port (a number, or a string of digits), @port.string (a string
; searched for URLs and host:port), @port.call / @port.name (context). When several patterns
; find one literal, the first written here wins.
;
; The transport and the side come from the function the literal is written in (the file,
; outside functions): SOCK_DGRAM there makes it UDP; connect() or sendto() without bind()
; or listen() makes it a destination. Names of hardware ports (GPIO pins and bits, port
; masks, serial and USB ports) are never network ports.

; ---- htons(8080), addr.sin_port = htons(253) ----

(call_expression
  function: [(identifier) (qualified_identifier)] @port.call
  arguments: (argument_list . (number_literal) @port .)
  (#any-of? @port.call "htons" "::htons")
  (#scope-match? @port "SOCK_DGRAM|IPPROTO_UDP")
  (#not-scope-match? @port "SOCK_STREAM|IPPROTO_TCP")
  (#scope-match? @port "\\b(connect|sendto)\\s*\\(")
  (#not-scope-match? @port "\\b(bind|listen)\\s*\\(")
  (#set! role "connect")
  (#set! transport "udp"))
(call_expression
  function: [(identifier) (qualified_identifier)] @port.call
  arguments: (argument_list . (number_literal) @port .)
  (#any-of? @port.call "htons" "::htons")
  (#scope-match? @port "\\b(connect|sendto)\\s*\\(")
  (#not-scope-match? @port "\\b(bind|listen)\\s*\\(")
  (#set! role "connect"))
(call_expression
  function: [(identifier) (qualified_identifier)] @port.call
  arguments: (argument_list . (number_literal) @port .)
  (#any-of? @port.call "htons" "::htons")
  (#scope-match? @port "SOCK_DGRAM|IPPROTO_UDP")
  (#not-scope-match? @port "SOCK_STREAM|IPPROTO_TCP")
  (#set! role "listen")
  (#set! transport "udp"))
(call_expression
  function: [(identifier) (qualified_identifier)] @port.call
  arguments: (argument_list . (number_literal) @port .)
  (#any-of? @port.call "htons" "::htons")
  (#set! role "listen"))

; addr.sin_port = 0 (any free port), a6.sin6_port = 8080 (without htons: still the port)
(assignment_expression
  left: (field_expression field: (field_identifier) @port.name)
  right: (number_literal) @port
  (#any-of? @port.name "sin_port" "sin6_port")
  (#set! role "listen"))

; ---- getaddrinfo(NULL, "8080", &hints, &res) serves; getaddrinfo(host, "80", ...) connects ----

(call_expression
  function: [(identifier) (qualified_identifier)] @port.call
  arguments: (argument_list . (null) . (string_literal) @port)
  (#any-of? @port.call "getaddrinfo" "::getaddrinfo")
  (#scope-match? @port "SOCK_DGRAM|IPPROTO_UDP")
  (#not-scope-match? @port "SOCK_STREAM|IPPROTO_TCP")
  (#set! role "listen")
  (#set! transport "udp"))
(call_expression
  function: [(identifier) (qualified_identifier)] @port.call
  arguments: (argument_list . (null) . (string_literal) @port)
  (#any-of? @port.call "getaddrinfo" "::getaddrinfo")
  (#set! role "listen"))
(call_expression
  function: [(identifier) (qualified_identifier)] @port.call
  arguments: (argument_list . (_) . (string_literal) @port)
  (#any-of? @port.call "getaddrinfo" "::getaddrinfo")
  (#scope-match? @port "SOCK_DGRAM|IPPROTO_UDP")
  (#not-scope-match? @port "SOCK_STREAM|IPPROTO_TCP")
  (#set! role "connect")
  (#set! transport "udp"))
(call_expression
  function: [(identifier) (qualified_identifier)] @port.call
  arguments: (argument_list . (_) . (string_literal) @port)
  (#any-of? @port.call "getaddrinfo" "::getaddrinfo")
  (#set! role "connect"))

; ---- A host and a port passed together ----

; redisConnect("127.0.0.1", 6379), mosquitto_connect(m, "localhost", 1883, 60),
; dial("localhost", "8081"), start_listener("0.0.0.0", 8080)
(call_expression
  function: [(identifier) @port.call (field_expression field: (field_identifier) @port.call)]
  arguments: (argument_list (string_literal) @host . [(number_literal) (string_literal)] @port)
  (#match? @port.call "[Cc]onnect|[Dd]ial|CONNECT|([Cc]lient|CLIENT)(_?([Nn]ew|NEW|[Cc]reate|CREATE|[Ii]nit|INIT|[Oo]pen|OPEN))?$")
  (#match? @host "^\"[A-Za-z0-9._:\\[\\]-]+\"$")
  (#not-match? @host "^\"(0\\.0\\.0\\.0|::|\\*)?\"$")
  (#set! role "connect"))
(call_expression
  function: [(identifier) @port.call (field_expression field: (field_identifier) @port.call)]
  arguments: (argument_list (string_literal) @host . [(number_literal) (string_literal)] @port)
  (#match? @port.call "[Ll]isten|[Bb]ind|[Ss]erve|[Ss]erver|LISTEN|BIND|SERVE")
  (#match? @host "^\"[A-Za-z0-9._:\\[\\]*-]*\"$")
  (#set! role "listen"))
(call_expression
  function: [(identifier) @port.call (field_expression field: (field_identifier) @port.call)]
  arguments: (argument_list (string_literal) @host . [(number_literal) (string_literal)] @port)
  (#match? @host "^\"(0\\.0\\.0\\.0|::|\\*)\"$")
  (#set! role "listen"))
(call_expression
  function: [(identifier) @port.call (field_expression field: (field_identifier) @port.call)]
  arguments: (argument_list (string_literal) @host . [(number_literal) (string_literal)] @port)
  (#match? @host "^\"(localhost|[0-9]{1,3}(\\.[0-9]{1,3}){3}|::1|\\[::1\\])\"$")
  (#set! role "connect"))

; { "ingest", "127.0.0.1", 7071 }: a host and a port side by side in a table
(initializer_list (string_literal) @host . (number_literal) @port
  (#match? @host "^\"(0\\.0\\.0\\.0|::|\\*)\"$")
  (#set! role "listen"))
(initializer_list (string_literal) @host . (number_literal) @port
  (#match? @host "^\"(localhost|[0-9]{1,3}(\\.[0-9]{1,3}){3}|::1|\\[::1\\])\"$")
  (#set! role "connect"))

; ---- Settings and environment defaults ----

; config_int(cfg, "port", 8080), env_int("GATEWAY_PORT", 8088), get_env_or("PORT", "3000")
(call_expression
  function: (identifier) @port.call
  arguments: (argument_list (string_literal (string_content) @port.name) . [(number_literal) (string_literal)] @port)
  (#match? @port.call "[Ee]nv|ENV|[Cc]onf|[Ss]etting|[Oo]pt|[Dd]efault|[Gg]et|[Ll]ookup")
  (#port-name? @port.name)
  (#not-match? @port.name "(^|_)(PIN|PINS|BIT|BITS|MASK|GPIO|REG|DDR|DIR|IRQ|SHIFT|SERIAL|UART|USB|COM|TTY|I2C|SPI|LPT)(_|$)|(^|_)(pin|pins|bit|bits|mask|gpio|reg|ddr|dir|irq|shift|serial|uart|usb|com|tty|i2c|spi|lpt)([A-Z_]|$)|(Pin|Pins|Bit|Bits|Mask|Gpio|Reg|Irq|Shift|Serial|Uart|Usb|Tty)([A-Z_]|$)")
  (#set! role "from-name"))

; ---- Macros, constants, variables and fields named for ports ----

; #define PORT 8080, #define DEFAULT_PORT "8080", static const int ADMIN_PORT = 8083;
; int port = env ? atoi(env) : 3000; cfg->port = 7000; port = "8080";
; struct options o = { .port = 8080 }; enum { CONTROL_PORT = 8084 };
; constexpr std::uint16_t kPort{9090}; struct Options { std::uint16_t port = 8080; };
; The name must end in the word port (DEFAULT_PORT, kPort, redis_port, PORT_NUM, masterport)
; and speak of no request or error: ICMP_PORT_UNREACH, BRCTL_GET_PORT_INFO, SO_REUSEPORT,
; xv_GrabPort and HTTP_R_INVALID_PORT_NUMBER name something else. An enum with a member = 0
; numbers fields or states (UF_SCHEMA = 0, UF_HOST = 1, UF_PORT = 2).
; In a UDP client, then a client, then UDP code, then anywhere (the name tells the side).

([
  (preproc_def name: (identifier) @port.name value: (preproc_arg) @port)
  (init_declarator
    declarator: [(identifier) @port.name (pointer_declarator declarator: (identifier) @port.name)]
    value: [
      (number_literal) @port
      (string_literal) @port
      (conditional_expression consequence: (_) alternative: [(number_literal) (string_literal)] @port)])
  (assignment_expression
    left: [(identifier) @port.name (field_expression field: (field_identifier) @port.name)]
    right: [
      (number_literal) @port
      (string_literal) @port
      (conditional_expression consequence: (_) alternative: [(number_literal) (string_literal)] @port)])
  (initializer_pair
    designator: (field_designator (field_identifier) @port.name)
    value: [(number_literal) (string_literal)] @port)
  (enumerator_list (enumerator name: (identifier) @port.name value: (number_literal) @port)) @enums
  (init_declarator
    declarator: (identifier) @port.name
    value: (initializer_list . [(number_literal) (string_literal)] @port .))
  (field_declaration
    declarator: (field_identifier) @port.name
    default_value: [
      (number_literal) @port
      (string_literal) @port
      (initializer_list . [(number_literal) (string_literal)] @port .)])
]
  (#port-name? @port.name)
  (#match? @port.name "(^|_)(PORT|[Pp]ort)(_(NUM|NUMBER|NO|STR|STRING|num|number|no|str|string))?[0-9]*$|[a-z0-9]Port(Num|Number|No|Str|String)?[0-9]*$|^[a-z][a-z0-9]*port(num|no|str)?$")
  (#not-match? @port.name "[Vv]iew_?[Pp]ort|VIEW_?PORT|(^|_)(NO|no)_(PORT|port)$|No[Pp]ort$|(^|_|[a-z0-9])(Get|Set|Grab|Ungrab|Select|Query|Invalid|Bad|Error|Unknown|Missing|Unreach)([A-Z_]|$)|(^|_)(GET|SET|QUERY|INVALID|BAD|ERR|ERROR|UNKNOWN|MISSING|UNREACH|get|set|invalid|bad|unknown|missing)(_|$)")
  (#not-match? @port.name "(^|_)(PIN|PINS|BIT|BITS|MASK|GPIO|REG|DDR|DIR|IRQ|SHIFT|SERIAL|UART|USB|COM|TTY|I2C|SPI|LPT)(_|$)|(^|_)(pin|pins|bit|bits|mask|gpio|reg|ddr|dir|irq|shift|serial|uart|usb|com|tty|i2c|spi|lpt)([A-Z_]|$)|(Pin|Pins|Bit|Bits|Mask|Gpio|Reg|Irq|Shift|Serial|Uart|Usb|Tty)([A-Z_]|$)")
  (#not-match? @port.name "(^|_)(max|min|incr|increment|delta|step|MAX|MIN|INCR|INCREMENT|DELTA|STEP|Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)|(Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)")
  (#not-match? @port "^\"?0\"?\\s*$")
  (#not-match? @enums "=\\s*0\\s*[,}]")
  (#scope-match? @port "SOCK_DGRAM|IPPROTO_UDP")
  (#not-scope-match? @port "SOCK_STREAM|IPPROTO_TCP")
  (#scope-match? @port "\\b(connect|sendto)\\s*\\(")
  (#not-scope-match? @port "\\b(bind|listen)\\s*\\(")
  (#set! role "connect")
  (#set! transport "udp"))
([
  (preproc_def name: (identifier) @port.name value: (preproc_arg) @port)
  (init_declarator
    declarator: [(identifier) @port.name (pointer_declarator declarator: (identifier) @port.name)]
    value: [
      (number_literal) @port
      (string_literal) @port
      (conditional_expression consequence: (_) alternative: [(number_literal) (string_literal)] @port)])
  (assignment_expression
    left: [(identifier) @port.name (field_expression field: (field_identifier) @port.name)]
    right: [
      (number_literal) @port
      (string_literal) @port
      (conditional_expression consequence: (_) alternative: [(number_literal) (string_literal)] @port)])
  (initializer_pair
    designator: (field_designator (field_identifier) @port.name)
    value: [(number_literal) (string_literal)] @port)
  (enumerator_list (enumerator name: (identifier) @port.name value: (number_literal) @port)) @enums
  (init_declarator
    declarator: (identifier) @port.name
    value: (initializer_list . [(number_literal) (string_literal)] @port .))
  (field_declaration
    declarator: (field_identifier) @port.name
    default_value: [
      (number_literal) @port
      (string_literal) @port
      (initializer_list . [(number_literal) (string_literal)] @port .)])
]
  (#port-name? @port.name)
  (#match? @port.name "(^|_)(PORT|[Pp]ort)(_(NUM|NUMBER|NO|STR|STRING|num|number|no|str|string))?[0-9]*$|[a-z0-9]Port(Num|Number|No|Str|String)?[0-9]*$|^[a-z][a-z0-9]*port(num|no|str)?$")
  (#not-match? @port.name "[Vv]iew_?[Pp]ort|VIEW_?PORT|(^|_)(NO|no)_(PORT|port)$|No[Pp]ort$|(^|_|[a-z0-9])(Get|Set|Grab|Ungrab|Select|Query|Invalid|Bad|Error|Unknown|Missing|Unreach)([A-Z_]|$)|(^|_)(GET|SET|QUERY|INVALID|BAD|ERR|ERROR|UNKNOWN|MISSING|UNREACH|get|set|invalid|bad|unknown|missing)(_|$)")
  (#not-match? @port.name "(^|_)(PIN|PINS|BIT|BITS|MASK|GPIO|REG|DDR|DIR|IRQ|SHIFT|SERIAL|UART|USB|COM|TTY|I2C|SPI|LPT)(_|$)|(^|_)(pin|pins|bit|bits|mask|gpio|reg|ddr|dir|irq|shift|serial|uart|usb|com|tty|i2c|spi|lpt)([A-Z_]|$)|(Pin|Pins|Bit|Bits|Mask|Gpio|Reg|Irq|Shift|Serial|Uart|Usb|Tty)([A-Z_]|$)")
  (#not-match? @port.name "(^|_)(max|min|incr|increment|delta|step|MAX|MIN|INCR|INCREMENT|DELTA|STEP|Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)|(Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)")
  (#not-match? @port "^\"?0\"?\\s*$")
  (#not-match? @enums "=\\s*0\\s*[,}]")
  (#scope-match? @port "\\b(connect|sendto)\\s*\\(")
  (#not-scope-match? @port "\\b(bind|listen)\\s*\\(")
  (#set! role "connect"))
([
  (preproc_def name: (identifier) @port.name value: (preproc_arg) @port)
  (init_declarator
    declarator: [(identifier) @port.name (pointer_declarator declarator: (identifier) @port.name)]
    value: [
      (number_literal) @port
      (string_literal) @port
      (conditional_expression consequence: (_) alternative: [(number_literal) (string_literal)] @port)])
  (assignment_expression
    left: [(identifier) @port.name (field_expression field: (field_identifier) @port.name)]
    right: [
      (number_literal) @port
      (string_literal) @port
      (conditional_expression consequence: (_) alternative: [(number_literal) (string_literal)] @port)])
  (initializer_pair
    designator: (field_designator (field_identifier) @port.name)
    value: [(number_literal) (string_literal)] @port)
  (enumerator_list (enumerator name: (identifier) @port.name value: (number_literal) @port)) @enums
  (init_declarator
    declarator: (identifier) @port.name
    value: (initializer_list . [(number_literal) (string_literal)] @port .))
  (field_declaration
    declarator: (field_identifier) @port.name
    default_value: [
      (number_literal) @port
      (string_literal) @port
      (initializer_list . [(number_literal) (string_literal)] @port .)])
]
  (#port-name? @port.name)
  (#match? @port.name "(^|_)(PORT|[Pp]ort)(_(NUM|NUMBER|NO|STR|STRING|num|number|no|str|string))?[0-9]*$|[a-z0-9]Port(Num|Number|No|Str|String)?[0-9]*$|^[a-z][a-z0-9]*port(num|no|str)?$")
  (#not-match? @port.name "[Vv]iew_?[Pp]ort|VIEW_?PORT|(^|_)(NO|no)_(PORT|port)$|No[Pp]ort$|(^|_|[a-z0-9])(Get|Set|Grab|Ungrab|Select|Query|Invalid|Bad|Error|Unknown|Missing|Unreach)([A-Z_]|$)|(^|_)(GET|SET|QUERY|INVALID|BAD|ERR|ERROR|UNKNOWN|MISSING|UNREACH|get|set|invalid|bad|unknown|missing)(_|$)")
  (#not-match? @port.name "(^|_)(PIN|PINS|BIT|BITS|MASK|GPIO|REG|DDR|DIR|IRQ|SHIFT|SERIAL|UART|USB|COM|TTY|I2C|SPI|LPT)(_|$)|(^|_)(pin|pins|bit|bits|mask|gpio|reg|ddr|dir|irq|shift|serial|uart|usb|com|tty|i2c|spi|lpt)([A-Z_]|$)|(Pin|Pins|Bit|Bits|Mask|Gpio|Reg|Irq|Shift|Serial|Uart|Usb|Tty)([A-Z_]|$)")
  (#not-match? @port.name "(^|_)(max|min|incr|increment|delta|step|MAX|MIN|INCR|INCREMENT|DELTA|STEP|Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)|(Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)")
  (#not-match? @port "^\"?0\"?\\s*$")
  (#not-match? @enums "=\\s*0\\s*[,}]")
  (#scope-match? @port "SOCK_DGRAM|IPPROTO_UDP")
  (#not-scope-match? @port "SOCK_STREAM|IPPROTO_TCP")
  (#set! role "from-name")
  (#set! transport "udp"))
([
  (preproc_def name: (identifier) @port.name value: (preproc_arg) @port)
  (init_declarator
    declarator: [(identifier) @port.name (pointer_declarator declarator: (identifier) @port.name)]
    value: [
      (number_literal) @port
      (string_literal) @port
      (conditional_expression consequence: (_) alternative: [(number_literal) (string_literal)] @port)])
  (assignment_expression
    left: [(identifier) @port.name (field_expression field: (field_identifier) @port.name)]
    right: [
      (number_literal) @port
      (string_literal) @port
      (conditional_expression consequence: (_) alternative: [(number_literal) (string_literal)] @port)])
  (initializer_pair
    designator: (field_designator (field_identifier) @port.name)
    value: [(number_literal) (string_literal)] @port)
  (enumerator_list (enumerator name: (identifier) @port.name value: (number_literal) @port)) @enums
  (init_declarator
    declarator: (identifier) @port.name
    value: (initializer_list . [(number_literal) (string_literal)] @port .))
  (field_declaration
    declarator: (field_identifier) @port.name
    default_value: [
      (number_literal) @port
      (string_literal) @port
      (initializer_list . [(number_literal) (string_literal)] @port .)])
]
  (#port-name? @port.name)
  (#match? @port.name "(^|_)(PORT|[Pp]ort)(_(NUM|NUMBER|NO|STR|STRING|num|number|no|str|string))?[0-9]*$|[a-z0-9]Port(Num|Number|No|Str|String)?[0-9]*$|^[a-z][a-z0-9]*port(num|no|str)?$")
  (#not-match? @port.name "[Vv]iew_?[Pp]ort|VIEW_?PORT|(^|_)(NO|no)_(PORT|port)$|No[Pp]ort$|(^|_|[a-z0-9])(Get|Set|Grab|Ungrab|Select|Query|Invalid|Bad|Error|Unknown|Missing|Unreach)([A-Z_]|$)|(^|_)(GET|SET|QUERY|INVALID|BAD|ERR|ERROR|UNKNOWN|MISSING|UNREACH|get|set|invalid|bad|unknown|missing)(_|$)")
  (#not-match? @port.name "(^|_)(PIN|PINS|BIT|BITS|MASK|GPIO|REG|DDR|DIR|IRQ|SHIFT|SERIAL|UART|USB|COM|TTY|I2C|SPI|LPT)(_|$)|(^|_)(pin|pins|bit|bits|mask|gpio|reg|ddr|dir|irq|shift|serial|uart|usb|com|tty|i2c|spi|lpt)([A-Z_]|$)|(Pin|Pins|Bit|Bits|Mask|Gpio|Reg|Irq|Shift|Serial|Uart|Usb|Tty)([A-Z_]|$)")
  (#not-match? @port.name "(^|_)(max|min|incr|increment|delta|step|MAX|MIN|INCR|INCREMENT|DELTA|STEP|Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)|(Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)")
  (#not-match? @port "^\"?0\"?\\s*$")
  (#not-match? @enums "=\\s*0\\s*[,}]")
  (#set! role "from-name"))

; #define NTP_SERVICE "123": a service given to getaddrinfo
(preproc_def
  name: (identifier) @port.name
  value: (preproc_arg) @port
  (#match? @port.name "SERVICE$|SERV$")
  (#match? @port "^\\s*\"[0-9]+\"")
  (#scope-match? @port "SOCK_DGRAM|IPPROTO_UDP")
  (#not-scope-match? @port "SOCK_STREAM|IPPROTO_TCP")
  (#scope-match? @port "\\b(connect|sendto)\\s*\\(")
  (#not-scope-match? @port "\\b(bind|listen)\\s*\\(")
  (#set! role "connect")
  (#set! transport "udp"))
(preproc_def
  name: (identifier) @port.name
  value: (preproc_arg) @port
  (#match? @port.name "SERVICE$|SERV$")
  (#match? @port "^\\s*\"[0-9]+\"")
  (#scope-match? @port "\\b(connect|sendto)\\s*\\(")
  (#not-scope-match? @port "\\b(bind|listen)\\s*\\(")
  (#set! role "connect"))
(preproc_def
  name: (identifier) @port.name
  value: (preproc_arg) @port
  (#match? @port.name "SERVICE$|SERV$")
  (#match? @port "^\\s*\"[0-9]+\"")
  (#scope-match? @port "SOCK_DGRAM|IPPROTO_UDP")
  (#not-scope-match? @port "SOCK_STREAM|IPPROTO_TCP")
  (#set! role "listen")
  (#set! transport "udp"))
(preproc_def
  name: (identifier) @port.name
  value: (preproc_arg) @port
  (#match? @port.name "SERVICE$|SERV$")
  (#match? @port "^\\s*\"[0-9]+\"")
  (#set! role "listen"))

; #define SERVER_ADDR "127.0.0.1:8080", #define UPSTREAM "billing:7070"
(preproc_def
  name: (identifier) @port.name
  value: (preproc_arg) @port.string
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-host"))

; const char *listen_addr = "0.0.0.0:8080"; .upstream = "billing:7070"
([(init_declarator
    declarator: [(identifier) @port.name (pointer_declarator declarator: (identifier) @port.name)
                 (array_declarator declarator: (identifier) @port.name)]
    value: (string_literal) @port.string)
  (initializer_pair
    designator: (field_designator (field_identifier) @port.name)
    value: (string_literal) @port.string)]
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-host"))

; ---- C++: members, brace initialisation, option parsers, networking libraries ----

; std::string listen_addr = "0.0.0.0:8080"; std::string s3_endpoint = "http://minio:9000";
(field_declaration
  declarator: (field_identifier) @port.name
  default_value: (string_literal) @port.string
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-host"))

; cxxopts ("p,port", "HTTP port", cxxopts::value<int>()->default_value("8000")),
; Boost.Program_options ("port,p", po::value<int>(&port)->default_value(8080), "...")
(argument_list
  . (string_literal (string_content) @port.name)
  (call_expression
    function: (field_expression field: (field_identifier) @port.call)
    arguments: (argument_list . [(number_literal) (string_literal)] @port .))
  (#eq? @port.call "default_value")
  (#port-name? @port.name)
  (#not-match? @port.name "(^|_)(PIN|PINS|BIT|BITS|MASK|GPIO|REG|DDR|DIR|IRQ|SHIFT|SERIAL|UART|USB|COM|TTY|I2C|SPI|LPT)(_|$)|(^|_)(pin|pins|bit|bits|mask|gpio|reg|ddr|dir|irq|shift|serial|uart|usb|com|tty|i2c|spi|lpt)([A-Z_]|$)|(Pin|Pins|Bit|Bits|Mask|Gpio|Reg|Irq|Shift|Serial|Uart|Usb|Tty)([A-Z_]|$)")
  (#set! role "from-name"))
(argument_list
  . (string_literal (string_content) @port.name)
  (call_expression
    function: (field_expression field: (field_identifier) @port.call)
    arguments: (argument_list . (string_literal) @port.string .))
  (#eq? @port.call "default_value")
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-host"))

; Asio endpoints: tcp::endpoint(tcp::v4(), 8080), udp::endpoint(udp::v4(), 53),
; asio::ip::tcp::endpoint{address, 6379}, tcp::endpoint ep(address, 443);
([(call_expression
    function: (qualified_identifier) @port.call
    arguments: (argument_list . (_) . (number_literal) @port .))
  (compound_literal_expression
    type: (qualified_identifier) @port.call
    value: (initializer_list . (_) . (number_literal) @port .))
  (declaration
    type: (qualified_identifier) @port.call
    declarator: (init_declarator value: [
      (argument_list . (_) . (number_literal) @port .)
      (initializer_list . (_) . (number_literal) @port .)]))]
  (#match? @port.call "(^|::)udp::endpoint$")
  (#scope-match? @port "\\b(async_)?connect\\s*\\(|send_to\\s*\\(")
  (#not-scope-match? @port "acceptor|\\.bind\\s*\\(")
  (#set! role "connect")
  (#set! transport "udp"))
([(call_expression
    function: (qualified_identifier) @port.call
    arguments: (argument_list . (_) . (number_literal) @port .))
  (compound_literal_expression
    type: (qualified_identifier) @port.call
    value: (initializer_list . (_) . (number_literal) @port .))
  (declaration
    type: (qualified_identifier) @port.call
    declarator: (init_declarator value: [
      (argument_list . (_) . (number_literal) @port .)
      (initializer_list . (_) . (number_literal) @port .)]))]
  (#match? @port.call "(^|::)tcp::endpoint$")
  (#scope-match? @port "\\b(async_)?connect\\s*\\(")
  (#not-scope-match? @port "acceptor|\\.bind\\s*\\(")
  (#set! role "connect"))
([(call_expression
    function: (qualified_identifier) @port.call
    arguments: (argument_list . (_) . (number_literal) @port .))
  (compound_literal_expression
    type: (qualified_identifier) @port.call
    value: (initializer_list . (_) . (number_literal) @port .))
  (declaration
    type: (qualified_identifier) @port.call
    declarator: (init_declarator value: [
      (argument_list . (_) . (number_literal) @port .)
      (initializer_list . (_) . (number_literal) @port .)]))]
  (#match? @port.call "(^|::)udp::endpoint$")
  (#set! role "listen")
  (#set! transport "udp"))
([(call_expression
    function: (qualified_identifier) @port.call
    arguments: (argument_list . (_) . (number_literal) @port .))
  (compound_literal_expression
    type: (qualified_identifier) @port.call
    value: (initializer_list . (_) . (number_literal) @port .))
  (declaration
    type: (qualified_identifier) @port.call
    declarator: (init_declarator value: [
      (argument_list . (_) . (number_literal) @port .)
      (initializer_list . (_) . (number_literal) @port .)]))]
  (#match? @port.call "(^|::)tcp::endpoint$")
  (#set! role "listen"))

; resolver.resolve("example.com", "443"), resolver.async_resolve(host, "8080", handler)
(call_expression
  function: (field_expression field: (field_identifier) @port.call)
  arguments: (argument_list (_) . (string_literal) @port)
  (#match? @port.call "^(async_)?resolve$")
  (#scope-match? @port "udp::|SOCK_DGRAM")
  (#not-scope-match? @port "tcp::|SOCK_STREAM")
  (#set! role "connect")
  (#set! transport "udp"))
(call_expression
  function: (field_expression field: (field_identifier) @port.call)
  arguments: (argument_list (_) . (string_literal) @port)
  (#match? @port.call "^(async_)?resolve$")
  (#set! role "connect"))

; httplib::Client cli("localhost", 8080); httplib::Server-like objects built with a host and port
(declaration
  type: (_) @port.call
  declarator: (init_declarator value: [
    (argument_list (string_literal) @host . (number_literal) @port)
    (initializer_list (string_literal) @host . (number_literal) @port)])
  (#match? @port.call "Client|Connection|Session|Channel|Stub")
  (#match? @host "^\"[A-Za-z0-9._:\\[\\]-]+\"$")
  (#set! role "connect"))
(declaration
  type: (_) @port.call
  declarator: (init_declarator value: [
    (argument_list (string_literal) @host . (number_literal) @port)
    (initializer_list (string_literal) @host . (number_literal) @port)])
  (#match? @port.call "Server|Listener|Acceptor")
  (#match? @host "^\"[A-Za-z0-9._:\\[\\]*-]*\"$")
  (#set! role "listen"))

; socket.bind_any(7946), app.port(18080) (Crow), server.setPort(8080), Pistache Port(9080)
(call_expression
  function: (field_expression field: (field_identifier) @port.call)
  arguments: (argument_list . (number_literal) @port .)
  (#any-of? @port.call "bind" "bind_any" "bind_port" "port" "set_port" "setPort" "listen_on" "listenOn")
  (#scope-match? @port "SOCK_DGRAM|IPPROTO_UDP|\\bUdp|\\budp::")
  (#not-scope-match? @port "SOCK_STREAM|IPPROTO_TCP|\\bTcp|\\btcp::")
  (#set! role "listen")
  (#set! transport "udp"))
(call_expression
  function: [(field_expression field: (field_identifier) @port.call) (identifier) @port.call]
  arguments: (argument_list . (number_literal) @port .)
  (#any-of? @port.call "bind" "bind_any" "bind_port" "port" "set_port" "setPort" "listen_on" "listenOn" "Port")
  (#set! role "listen"))

; Qt server->listen(QHostAddress::Any, 8080)
(call_expression
  function: (field_expression field: (field_identifier) @port.call)
  arguments: (argument_list . [(qualified_identifier) (call_expression)] . (number_literal) @port .)
  (#any-of? @port.call "listen" "bind")
  (#set! role "listen"))

; "127.0.0.1:8080", "localhost:50051", "[::1]:9000" anywhere: a string that starts with a literal address
([(string_literal) (raw_string_literal)] @port.string
  (#match? @port.string "^[A-Za-z]*[\"'`]\\(?(localhost|[0-9]{1,3}(\\.[0-9]{1,3}){3}|\\[[0-9a-fA-F:.]+\\]):[0-9]+")
  (#set! mode "hosts")
  (#set! role "from-host"))

; gRPC: grpc::CreateChannel("localhost:50051", creds), builder.AddListeningPort("0.0.0.0:50051", creds)
(call_expression
  function: [(qualified_identifier) (identifier) (field_expression field: (field_identifier))] @port.call
  arguments: (argument_list . (string_literal) @port.string)
  (#match? @port.call "(^|::)(CreateChannel|CreateCustomChannel)$")
  (#set! mode "any")
  (#set! role "connect"))
(call_expression
  function: (field_expression field: (field_identifier) @port.call)
  arguments: (argument_list . (string_literal) @port.string)
  (#eq? @port.call "AddListeningPort")
  (#set! mode "any")
  (#set! role "listen"))

; Abseil and gflags: ABSL_FLAG(std::string, listen, "0.0.0.0:9273", "..."),
; DEFINE_int32(port, 8080, "..."), DEFINE_string(backend, "localhost:9000", "...")
(call_expression
  function: (identifier) @port.call
  arguments: (argument_list (_) . (identifier) @port.name . [(number_literal) (string_literal)] @port)
  (#any-of? @port.call "ABSL_FLAG" "DEFINE_int32" "DEFINE_int64" "DEFINE_uint32" "DEFINE_uint64" "DEFINE_string")
  (#port-name? @port.name)
  (#set! role "from-name"))
(call_expression
  function: (identifier) @port.call
  arguments: (argument_list . (identifier) @port.name . [(number_literal) (string_literal)] @port)
  (#any-of? @port.call "ABSL_FLAG" "DEFINE_int32" "DEFINE_int64" "DEFINE_uint32" "DEFINE_uint64" "DEFINE_string")
  (#port-name? @port.name)
  (#set! role "from-name"))
(call_expression
  function: (identifier) @port.call
  arguments: (argument_list (identifier) @port.name . (string_literal) @port.string)
  (#any-of? @port.call "ABSL_FLAG" "DEFINE_string")
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-host"))
(call_expression
  function: (identifier) @port.call
  arguments: (argument_list (identifier) . (string_literal) @port.string)
  (#any-of? @port.call "ABSL_FLAG" "DEFINE_string")
  (#set! mode "hosts")
  (#set! role "from-host"))
; ABSL_FLAG(uint16_t, port, 50051, "...") at file scope parses as a broken declaration whose
; number lands in an ERROR node: the line says what it is.
((ERROR (number_literal) @port)
  (#line-match? @port "^\\s*ABSL_FLAG\\(\\s*[A-Za-z0-9_:]+\\s*,\\s*[A-Za-z0-9_]*(port|Port|PORT)\\s*,\\s*[0-9]+\\s*[,)]")
  (#set! role "listen"))

; ---- Commands the program runs, read like a Dockerfile's RUN (server and client port
; flags, ssh forwards, URLs): system("ssh -p 2222 host"), popen("redis-cli -p 6380 ping", "r"),
; execlp("ssh", "ssh", "-p", "2222", (char *)NULL) ----
(call_expression
  function: [(identifier) (qualified_identifier)] @port.call
  arguments: (argument_list . (string_literal) @port.command)
  (#any-of? @port.call "system" "popen" "std::system" "::system" "::popen"))
(call_expression
  function: (identifier) @port.call
  arguments: (argument_list) @port.command
  (#any-of? @port.call "execl" "execlp" "execle" "execv" "execvp" "execvpe"))

; ---- Every other string: URLs with an explicit port ----

; #define MANIFEST_URL "http://updates.example.net:8081/manifest.json"
(preproc_def value: (preproc_arg) @port.string (#set! mode "urls"))
([(string_literal) (raw_string_literal)] @port.string (#set! mode "urls"))
