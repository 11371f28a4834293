; Port literals in Ruby. Captures: @port (a number, or a string of digits), @port.string /
; @port.settings (strings searched for URLs, host:port and key=value settings), @port.call /
; @port.name (context; names give the role under role "from-name"). Captures named with a
; leading underscore only serve predicates. Where two patterns find one literal, the first
; written wins, so specific contexts come before the catch-alls at the end.

; ---------------------------------------------------------------------------------------
; Environment and settings lookups with a default.

; ENV.fetch("PORT", 3000), ENV.fetch("REDIS_PORT", "6379"), config.fetch(:port, 8080)
(call
  method: (identifier) @_fetch
  arguments: (argument_list
    . [(string (string_content) @port.name) (simple_symbol) @port.name]
    . [(integer) (string)] @port)
  (#any-of? @_fetch "fetch" "get")
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; port ENV.fetch("PORT") { 3000 }
(call
  method: (identifier) @_fetch
  arguments: (argument_list
    . [(string (string_content) @port.name) (simple_symbol) @port.name] .)
  block: [(block body: (block_body . [(integer) (string)] @port .))
          (do_block body: (body_statement . [(integer) (string)] @port .))]
  (#eq? @_fetch "fetch")
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; ENV["PORT"] || 3000, options[:port] || 8080, (ENV["EXPORTER_PORT"] || 9150).to_i
(binary
  left: (element_reference
    [(string (string_content) @port.name) (simple_symbol) @port.name])
  operator: "||"
  right: [(integer) (string)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; Integer(target_port || 80), @port || 8080
(binary
  left: [(identifier) (instance_variable) (constant)] @port.name
  operator: "||"
  right: [(integer) (string)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; ---------------------------------------------------------------------------------------
; Servers, sockets and clients.

; Puma: port 3000; Sinatra: port 4567; server.port(8080)
(call
  method: (identifier) @port.name
  arguments: (argument_list [(integer) (string)] @port)
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; Puma: bind "tcp://0.0.0.0:9292", ssl_bind "0.0.0.0", 9443, activate_control_app "tcp://127.0.0.1:9293"
(call
  method: (identifier) @port.call
  arguments: (argument_list . (string) @port.string)
  (#any-of? @port.call "bind" "activate_control_app" "control_url" "metrics_url" "listen")
  (#set! mode "hosts")
  (#set! role "listen"))
(call
  method: (identifier) @port.call
  arguments: (argument_list . (string) . (integer) @port)
  (#eq? @port.call "ssl_bind")
  (#set! role "listen"))

; TCPServer.new(2000), TCPServer.new("0.0.0.0", 2000), TCPServer.open(host, 2000),
; Socket.tcp_server_loop(2000), Socket.udp_server_loop(514)
(call
  receiver: (constant) @port.call
  method: (identifier) @_new
  arguments: (argument_list (integer) @port .)
  (#any-of? @port.call "TCPServer" "SSLServer")
  (#any-of? @_new "new" "open")
  (#set! role "listen"))
(call
  receiver: (constant) @_socket
  method: (identifier) @port.call
  arguments: (argument_list (integer) @port .)
  (#eq? @_socket "Socket")
  (#any-of? @port.call "tcp_server_loop" "tcp_server_sockets")
  (#set! role "listen"))
(call
  receiver: (constant) @_socket
  method: (identifier) @port.call
  arguments: (argument_list (integer) @port .)
  (#eq? @_socket "Socket")
  (#any-of? @port.call "udp_server_loop" "udp_server_sockets")
  (#set! role "listen")
  (#set! transport "udp"))
; UDPSocket.new.bind("0.0.0.0", 514); udp.bind("0.0.0.0", 514)
(call
  receiver: [
    (call receiver: (constant) @_udp method: (identifier) @_new)
    (identifier) @_udp]
  method: (identifier) @port.call
  arguments: (argument_list . (_) . (integer) @port .)
  (#match? @_udp "^UDPSocket$|[Uu][Dd][Pp]")
  (#eq? @port.call "bind")
  (#set! role "listen")
  (#set! transport "udp"))
; sock.bind("0.0.0.0", 8080), server.bind(host, 8080)
(call
  method: (identifier) @port.call
  arguments: (argument_list . [(string) (identifier) (constant)] @_host . (integer) @port .)
  (#eq? @port.call "bind")
  (#match? @_host "^[\"']|[Hh][Oo][Ss][Tt]|[Aa][Dd][Dd][Rr]|[Bb][Ii][Nn][Dd]")
  (#set! role "listen"))
; udp.send(msg, 0, "statsd", 8125), udp.connect("10.0.0.2", 53)
(call
  receiver: [
    (call receiver: (constant) @_udp method: (identifier) @_new)
    (identifier) @_udp (instance_variable) @_udp]
  method: (identifier) @port.call
  arguments: (argument_list [(string) (identifier) (constant)] @_host . (integer) @port .)
  (#match? @_udp "^UDPSocket$|[Uu][Dd][Pp]|[Ss][Tt][Aa][Tt][Ss][Dd]")
  (#any-of? @port.call "send" "connect")
  (#match? @_host "^[\"']|[Hh][Oo][Ss][Tt]|[Aa][Dd][Dd][Rr]")
  (#set! role "connect")
  (#set! transport "udp"))
; TCPSocket.new("host", 80), Socket.tcp("host", 80), Net::HTTP.new("host", 8080),
; Net::HTTP.start("host", 443), Net::SMTP.start("smtp.example.com", 25), Net::Telnet...
(call
  receiver: [(constant) (scope_resolution)] @port.call
  method: (identifier) @_new
  arguments: (argument_list . [(string) (identifier) (constant) (call) (element_reference)] . (integer) @port)
  (#match? @port.call "^(TCPSocket|SSLSocket|Socket|Net::HTTP|Net::SMTP|Net::FTP|Net::POP3|Net::IMAP|Net::Telnet|Redis|Memcached|Dalli::Client)$")
  (#any-of? @_new "new" "open" "start" "tcp" "udp" "connect")
  (#set! role "connect"))
; Redis.new(port: 6379), WEBrick::HTTPServer.new(Port: 8000), Rack::Handler::Puma.run(app, Port: 9292):
; the receiver tells the side
(call
  receiver: (_) @port.name
  arguments: (argument_list
    (pair
      key: [(hash_key_symbol) (simple_symbol) (string)] @port.name @_key
      value: [(integer) (string)] @port))
  (#port-name? @_key)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(call
  receiver: (_) @port.name
  arguments: (argument_list
    (hash
      (pair
        key: [(hash_key_symbol) (simple_symbol) (string)] @port.name @_key
        value: [(integer) (string)] @port)))
  (#port-name? @_key)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; ---------------------------------------------------------------------------------------
; Names: constants, variables and hash keys named for a port.

; PORT = 4567; DEFAULT_PORT = 5432; port = 8080; @port = 80; self.port = 80; port ||= 3000
([(assignment
   left: [(identifier) (constant) (instance_variable) (class_variable) (global_variable)
          (call method: (identifier))] @port.name
   right: [(integer) (string)] @port)
  (operator_assignment
   left: [(identifier) (constant) (instance_variable) (class_variable) (global_variable)
          (call method: (identifier))] @port.name
   right: [(integer) (string)] @port)]
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; port = ARGV[0] ? Integer(ARGV[0]) : 8080
(assignment
  left: [(identifier) (constant) (instance_variable) (call method: (identifier))] @port.name
  right: (conditional alternative: [(integer) (string)] @port)
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(assignment
  left: [(identifier) (constant) (instance_variable) (call method: (identifier))] @port.name
  right: (conditional consequence: [(integer) (string)] @port)
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; PORTS = [80, 443]; ALLOWED_PORTS = [80, 443].freeze
(assignment
  left: [(identifier) (constant) (instance_variable)] @port.name
  right: [(array (integer) @port) (call receiver: (array (integer) @port))]
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; STATSD_ADDR = ["127.0.0.1", 8125]: a name vouching for a [host, port] pair
(assignment
  left: [(identifier) (constant) (instance_variable)] @port.name
  right: [(array . (string) . (integer) @port .) (call receiver: (array . (string) . (integer) @port .))]
  (#address-name? @port.name)
  (#set! role "from-name"))
; config.statsd = { host: "127.0.0.1", port: 8125 }; MEMCACHED = { port: 11211 }.freeze
(assignment
  left: (_) @port.name
  right: [(hash (pair key: [(hash_key_symbol) (simple_symbol) (string)] @port.name @_key
                      value: [(integer) (string)] @port))
          (call receiver: (hash (pair key: [(hash_key_symbol) (simple_symbol) (string)] @port.name @_key
                                      value: [(integer) (string)] @port)))]
  (#port-name? @_key)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; Nested sections: { redis: { host: "cache", port: 6379 } }
(pair
  key: [(hash_key_symbol) (simple_symbol) (string)] @port.name
  value: (hash
    (pair
      key: [(hash_key_symbol) (simple_symbol) (string)] @port.name @_key
      value: [(integer) (string)] @port))
  (#port-name? @_key)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; { port: 6379 }, { "port" => 80 }, { :http_port => 8080 }, and { listen: 8000 }
(pair
  key: [(hash_key_symbol) (simple_symbol) (string)] @port.name
  value: [(integer) (string)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(pair
  key: [(hash_key_symbol) (simple_symbol) (string)] @port.name
  value: (integer) @port
  (#match? @port.name "^[:\"']?(listen|bind|listen_on)[\"']?$")
  (#set! role "listen"))
; set :port, 4567; settings.set("port", 8080)
(argument_list
  . [(simple_symbol) (string (string_content))] @port.name
  . [(integer) (string)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; { "ssh" => 22, "https" => 443 }: a table of well-known services
(pair
  key: [(hash_key_symbol) @port.name (simple_symbol) @port.name (string (string_content) @port.name)]
  value: (integer) @port
  (#match? @port.name "^:?(ftp|ssh|telnet|smtp|smtps|submission|dns|http|https|pop3|pop3s|imap|imaps|ldap|ldaps|ntp|snmp|syslog|rdp|vnc|mysql|mssql|postgres|postgresql|redis|mongodb|mongo|memcached|elasticsearch|kafka|zookeeper|amqp|rabbitmq|mqtt|cassandra|consul|etcd|grpc|sip|statsd)$")
  (#set! role "connect"))

; port == 443; case port when 80 then ... end
(binary
  left: [(identifier) (instance_variable) (constant) (call method: (identifier))] @port.name
  operator: ["==" "!="]
  right: (integer) @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(case
  value: [(identifier) (instance_variable) (constant) (call method: (identifier))] @port.name
  (when pattern: (pattern (integer) @port))
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; ---------------------------------------------------------------------------------------
; Strings.

; Strings a name vouches for as addresses: REDIS_ADDR = "cache:6379"; { url: "cache:6379" }
(assignment
  left: [(identifier) (constant) (instance_variable) (call method: (identifier))] @port.name
  right: (string) @port.string
  (#address-name? @port.name)
  (#not-port-name? @port.name)
  (#set! mode "any")
  (#set! role "from-name"))
(pair
  key: [(hash_key_symbol) (simple_symbol) (string)] @port.name
  value: (string) @port.string
  (#address-name? @port.name)
  (#not-port-name? @port.name)
  (#set! mode "any")
  (#set! role "from-name"))
; ENV.fetch("REDIS_URL", "redis://cache:6379/0"), ENV.fetch("MEMCACHED_SERVERS", "cache:11211")
(call
  method: (identifier) @_fetch
  arguments: (argument_list
    . [(string (string_content) @port.name) (simple_symbol) @port.name]
    . (string) @port.string)
  (#any-of? @_fetch "fetch" "get")
  (#address-name? @port.name)
  (#not-port-name? @port.name)
  (#set! mode "any")
  (#set! role "from-name"))

; Every string: URLs ("redis://localhost:6379/0"), settings ("host=db port=5432").
((string) @port.settings
  (#set! mode "urls"))
