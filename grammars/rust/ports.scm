; Port literals in Rust. Captures: @port (a number, or a string of digits), @port.string (a
; string searched for URLs and host:port), @port.call / @port.name (context). When several
; patterns find one literal, the first written here wins.

; ---- Sockets of std, tokio and async-std ----

; UdpSocket::bind("0.0.0.0:53"), tokio::net::UdpSocket::bind(("0.0.0.0", 0))
(call_expression
  function: (scoped_identifier path: (_) @type name: (identifier) @port.call)
  arguments: (arguments . (string_literal) @port.string)
  (#match? @type "(^|::)UdpSocket$")
  (#eq? @port.call "bind")
  (#set! mode "any")
  (#set! role "listen")
  (#set! transport "udp"))
(call_expression
  function: (scoped_identifier path: (_) @type name: (identifier) @port.call)
  arguments: (arguments . (tuple_expression . (_) . (integer_literal) @port .))
  (#match? @type "(^|::)UdpSocket$")
  (#eq? @port.call "bind")
  (#set! role "listen")
  (#set! transport "udp"))

; TcpListener::bind("0.0.0.0:8080"), tokio::net::TcpListener::bind(("127.0.0.1", 3000))
(call_expression
  function: (scoped_identifier path: (_) @type name: (identifier) @port.call)
  arguments: (arguments . (string_literal) @port.string)
  (#match? @type "(^|::)(TcpListener|UnixListener|Server)$")
  (#eq? @port.call "bind")
  (#set! mode "any")
  (#set! role "listen"))
(call_expression
  function: (scoped_identifier path: (_) @type name: (identifier) @port.call)
  arguments: (arguments . (tuple_expression . (_) . (integer_literal) @port .))
  (#match? @type "(^|::)(TcpListener|Server)$")
  (#eq? @port.call "bind")
  (#set! role "listen"))

; TcpStream::connect("db:5432"), TcpStream::connect(("redis", 6379))
(call_expression
  function: (scoped_identifier path: (_) @type name: (identifier) @port.call)
  arguments: (arguments . (string_literal) @port.string)
  (#match? @type "(^|::)TcpStream$")
  (#match? @port.call "^connect")
  (#set! mode "any")
  (#set! role "connect"))
(call_expression
  function: (scoped_identifier path: (_) @type name: (identifier) @port.call)
  arguments: (arguments . (tuple_expression . (_) . (integer_literal) @port .))
  (#match? @type "(^|::)TcpStream$")
  (#match? @port.call "^connect")
  (#set! role "connect"))

; socket.connect("127.0.0.53:53"), socket.send_to(&buf, "8.8.8.8:53") on a UDP socket
(call_expression
  function: (field_expression field: (field_identifier) @port.call)
  arguments: (arguments (string_literal) @port.string .)
  (#any-of? @port.call "connect" "send_to")
  (#scope-match? @port.call "UdpSocket")
  (#not-scope-match? @port.call "TcpListener|TcpStream")
  (#set! mode "any")
  (#set! role "connect")
  (#set! transport "udp"))
(call_expression
  function: (field_expression field: (field_identifier) @port.call)
  arguments: (arguments (string_literal) @port.string .)
  (#any-of? @port.call "connect" "connect_timeout" "send_to")
  (#not-scope-match? @port.call "UdpSocket")
  (#set! mode "any")
  (#set! role "connect"))

; Any other connect: Client::connect_to("127.0.0.1:1883", id), pool.connect("localhost:5432")
(call_expression
  function: [(field_expression field: (field_identifier) @port.call)
             (scoped_identifier name: (identifier) @port.call)
             (identifier) @port.call]
  arguments: (arguments . (string_literal) @port.string)
  (#match? @port.call "^(connect|dial)")
  (#set! mode "hosts")
  (#set! role "connect"))

; Builders and servers: HttpServer::new(...).bind("127.0.0.1:8080"), .bind(("0.0.0.0", 8080)),
; warp::serve(routes).run(([127, 0, 0, 1], 3030)), Server::bind(&"0.0.0.0:3000".parse()?)
(call_expression
  function: (field_expression field: (field_identifier) @port.call)
  arguments: (arguments . (string_literal) @port.string .)
  (#any-of? @port.call "bind" "bind_rustls" "bind_openssl" "listen")
  (#set! mode "hosts")
  (#set! role "listen"))
(call_expression
  function: [(field_expression field: (field_identifier) @port.call)
             (scoped_identifier name: (identifier) @port.call)]
  arguments: (arguments . (tuple_expression . [(string_literal) (array_expression)] . (integer_literal) @port .))
  (#any-of? @port.call "bind" "bind_rustls" "bind_openssl" "run" "listen" "serve")
  (#set! role "listen"))
(call_expression
  function: [(field_expression field: (field_identifier) @port.call)
             (scoped_identifier name: (identifier) @port.call)]
  arguments: (arguments . (reference_expression value: (call_expression
    function: (field_expression value: (string_literal) @port.string field: (field_identifier) @parse))))
  (#any-of? @port.call "bind" "serve" "run")
  (#eq? @parse "parse")
  (#set! mode "any")
  (#set! role "from-host"))

; ---- Socket addresses: the port, never the octets ----

; SocketAddr::from(([127, 0, 0, 1], 3000)), SocketAddr::from(([0, 0, 0, 0, 0, 0, 0, 0], 8080))
(call_expression
  function: (scoped_identifier path: (_) @type name: (identifier) @port.call)
  arguments: (arguments . (tuple_expression . [(array_expression) (scoped_identifier) (string_literal)] . (integer_literal) @port .) .)
  (#match? @type "(^|::)SocketAddr(V4|V6)?$")
  (#eq? @port.call "from")
  (#scope-match? @port.call "UdpSocket")
  (#not-scope-match? @port.call "TcpListener|TcpStream")
  (#set! role "listen")
  (#set! transport "udp"))
(call_expression
  function: (scoped_identifier path: (_) @type name: (identifier) @port.call)
  arguments: (arguments . (tuple_expression . [(array_expression) (scoped_identifier) (string_literal)] . (integer_literal) @port .) .)
  (#match? @type "(^|::)SocketAddr(V4|V6)?$")
  (#eq? @port.call "from")
  (#set! role "listen"))

; hyper: let addr = ([127, 0, 0, 1], 3000).into(); an address made of octets and a port
(field_expression
  value: (tuple_expression
    . (array_expression) @ip
    . (integer_literal) @port .)
  field: (field_identifier) @port.call
  (#eq? @port.call "into")
  (#match? @ip "^\\[\\s*[0-9]{1,3}\\s*(,\\s*[0-9]{1,3}\\s*){3}\\]$|^\\[\\s*[0-9]{1,5}\\s*(,\\s*[0-9]{1,5}\\s*){7}\\]$")
  (#set! role "listen"))

; SocketAddr::new(ip, 8080), SocketAddrV4::new(Ipv4Addr::LOCALHOST, 8080),
; SocketAddrV6::new(Ipv6Addr::UNSPECIFIED, 8080, 0, 0)
(call_expression
  function: (scoped_identifier path: (_) @type name: (identifier) @port.call)
  arguments: (arguments . (_) . (integer_literal) @port)
  (#match? @type "(^|::)SocketAddr(V4|V6)?$")
  (#eq? @port.call "new")
  (#scope-match? @port.call "UdpSocket")
  (#not-scope-match? @port.call "TcpListener|TcpStream")
  (#set! role "listen")
  (#set! transport "udp"))
(call_expression
  function: (scoped_identifier path: (_) @type name: (identifier) @port.call)
  arguments: (arguments . (_) . (integer_literal) @port)
  (#match? @type "(^|::)SocketAddr(V4|V6)?$")
  (#eq? @port.call "new")
  (#set! role "listen"))

; "127.0.0.1:8080".parse::<SocketAddr>(), let addr: SocketAddr = "0.0.0.0:3000".parse()?
(call_expression
  function: (generic_function
    function: (field_expression value: (string_literal) @port.string field: (field_identifier) @port.call)
    type_arguments: (type_arguments (type_identifier) @type))
  (#eq? @port.call "parse")
  (#match? @type "^SocketAddr(V4|V6)?$")
  (#set! mode "any")
  (#set! role "from-host"))
(let_declaration
  type: (type_identifier) @type
  value: [
    (call_expression function: (field_expression value: (string_literal) @port.string field: (field_identifier) @port.call))
    (try_expression (call_expression function: (field_expression value: (string_literal) @port.string field: (field_identifier) @port.call)))
    (call_expression function: (field_expression value: (call_expression function: (field_expression value: (string_literal) @port.string field: (field_identifier) @port.call))))
  ]
  (#match? @type "^SocketAddr(V4|V6)?$")
  (#eq? @port.call "parse")
  (#set! mode "any")
  (#set! role "from-host"))

; ---- Command-line arguments (clap, structopt) ----

; #[arg(short, long, default_value_t = 8080)] port: u16
; #[arg(long, default_value = "8080")] metrics_port: u16
; The attribute's arguments must hold no other number, so that the literal is the default.
; (Anchoring "=" between the key and the value inside a token_tree makes the query very slow
; to compile.)
(
  (attribute_item (attribute (token_tree [(integer_literal) (string_literal)] @port) @args))
  .
  (field_declaration name: (field_identifier) @port.name)
  (#match? @args "^[^0-9]*default_value(_t)?\\s*=\\s*\"?[0-9]+\"?[^0-9]*$")
  (#port-name? @port.name)
  (#set! role "from-name"))

; #[arg(long, default_value = "db.internal:5432")] remote: String (its only string)
(
  (attribute_item (attribute (token_tree (string_literal) @port.string) @args))
  .
  (field_declaration name: (field_identifier) @port.name)
  (#match? @args "^[^\"]*default_value\\s*=\\s*\"[^\"]*\"[^\"]*$")
  (#set! mode "hosts")
  (#set! role "from-host"))

; Arg::new("port").long("port").default_value("8080")
(call_expression
  function: (field_expression value: (_) @receiver field: (field_identifier) @port.call)
  arguments: (arguments . (string_literal) @port)
  (#eq? @port.call "default_value")
  (#match? @receiver "(new|long|with_name)\\(\"[A-Za-z_-]*(port|PORT|Port)\"\\)")
  (#set! role "listen"))

; ---- Environment defaults ----

; env::var("PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(3000)
; env::var("PORT").unwrap_or_else(|_| "3000".to_string()), .unwrap_or("8080".into()); the
; variable's name ends in PORT (not PORT_TIMEOUT)
(call_expression
  function: (field_expression value: (_) @receiver field: (field_identifier) @port.call)
  arguments: (arguments . [
    (integer_literal) @port
    (string_literal) @port
    (call_expression function: (field_expression value: (string_literal) @port))
    (call_expression function: (_) arguments: (arguments . (string_literal) @port .))
    (closure_expression body: [
      (integer_literal) @port
      (string_literal) @port
      (call_expression function: (field_expression value: (string_literal) @port))
      (call_expression function: (_) arguments: (arguments . (string_literal) @port .))])] .)
  (#match? @port.call "^unwrap_or(_else)?$")
  (#match? @receiver "var(_os)?\\(\"([A-Za-z0-9_]*_)?(PORT|[Pp]ort)\"\\)")
  (#set! role "listen"))
(call_expression
  function: (field_expression value: (_) @receiver field: (field_identifier) @port.call)
  arguments: (arguments . [
    (string_literal) @port.string
    (call_expression function: (field_expression value: (string_literal) @port.string))
    (closure_expression body: [
      (string_literal) @port.string
      (call_expression function: (field_expression value: (string_literal) @port.string))])] .)
  (#match? @port.call "^unwrap_or(_else)?$")
  (#match? @receiver "var(_os)?\\(\"([A-Za-z0-9_]*_)?(ADDR|ADDRESS|HOST|URL|LISTEN|BIND|[Aa]ddr|[Hh]ost|[Uu]rl)\"\\)")
  (#set! mode "any")
  (#set! role "from-host"))

; ---- Constants, variables and fields named for ports or addresses ----

; const PORT: u16 = 8080, static DEFAULT_PORT: u16 = 5432
([(const_item name: (identifier) @port.name value: (integer_literal) @port)
  (static_item name: (identifier) @port.name value: (integer_literal) @port)]
  (#port-name? @port.name)
  (#not-match? @port.name "(^|_)(max|min|incr|increment|delta|step|MAX|MIN|INCR|INCREMENT|DELTA|STEP|Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)|(Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)")
  (#set! role "from-name"))

; let port = 8080; let grpc_port: u16 = 50051;
(let_declaration
  pattern: (identifier) @port.name
  value: (integer_literal) @port
  (#port-name? @port.name)
  (#not-match? @port.name "(^|_)(max|min|incr|increment|delta|step|MAX|MIN|INCR|INCREMENT|DELTA|STEP|Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)|(Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)")
  (#not-eq? @port "0")
  (#set! role "from-name"))

; Config { port: 8080, .. }, self.port = 8080
([(field_initializer field: (field_identifier) @port.name value: (integer_literal) @port)
  (assignment_expression left: (field_expression field: (field_identifier) @port.name) right: (integer_literal) @port)]
  (#port-name? @port.name)
  (#not-match? @port.name "(^|_)(max|min|incr|increment|delta|step|MAX|MIN|INCR|INCREMENT|DELTA|STEP|Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)|(Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)")
  (#set! role "from-name"))

; const LISTEN_ADDR: &str = "0.0.0.0:8080", let upstream = "billing:7070";
; Config { bind_addr: "127.0.0.1:9000".into(), .. }
([(const_item name: (identifier) @port.name value: (string_literal) @port.string)
  (static_item name: (identifier) @port.name value: (string_literal) @port.string)
  (let_declaration pattern: (identifier) @port.name value: (string_literal) @port.string)
  (field_initializer field: (field_identifier) @port.name value: [
    (string_literal) @port.string
    (call_expression function: (field_expression value: (string_literal) @port.string))])]
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-host"))

; "127.0.0.1:8080", "localhost:50051", "[::1]:9000" anywhere: a string that starts with a literal address
([(string_literal) (raw_string_literal)] @port.string
  (#match? @port.string "^[A-Za-z]*[\"'`]\\(?(localhost|[0-9]{1,3}(\\.[0-9]{1,3}){3}|\\[[0-9a-fA-F:.]+\\]):[0-9]+")
  (#set! mode "hosts")
  (#set! role "from-host"))

; ---- Commands the program runs: Command::new("ssh").args(["-p", "2222", host]), the whole
; chain of one statement, read like a Dockerfile's RUN (server and client port flags, ssh
; forwards, URLs) ----
([(let_declaration value: (_) @port.command) (expression_statement (_) @port.command)]
  (#match? @port.command "^(std::process::|tokio::process::|process::)?Command::new\\("))

; ---- Every other string: URLs with an explicit port ----
([(string_literal) (raw_string_literal)] @port.string
  (#set! mode "urls"))
