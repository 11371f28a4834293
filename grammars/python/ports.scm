; Port literals in Python. Captures: @port (a number, or a string of digits),
; @port.string (a string searched for URLs and host:port), @port.command (an argument list
; read as a command line), @port.call / @port.name (context). When two patterns find one
; literal, the one written first wins: specific before generic.

; ---------------------------------------------------------------------------------------
; UDP: a SOCK_DGRAM socket made in the same block or `with`, then bound or sent to.

; sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM) ... sock.bind(("", 53)), with up
; to three statements between (setsockopt, settimeout...). The statements are anchored, and so
; is the socket type (the first or second argument): an open-ended child or sibling search
; multiplies with the optional statements and costs cubic time on a call of many arguments; an
; open-ended search from every assignment of a long module costs quadratic time.
(_
  (expression_statement
    (assignment
      left: (_) @sock
      right: (call
        function: (_) @ctor
        arguments: (argument_list . (_)? . (_) @kind))))
  .
  (_)?
  .
  (_)?
  .
  (_)?
  .
  (expression_statement
    (call
      function: (attribute
        object: (_) @sock.use
        attribute: (identifier) @port.call)
      arguments: (argument_list (tuple . (_) . (integer) @port))))
  (#match? @ctor "(^|\\.)socket$")
  (#match? @kind "SOCK_DGRAM")
  (#eq? @sock @sock.use)
  (#eq? @port.call "bind")
  (#set! transport "udp"))

(_
  (expression_statement
    (assignment
      left: (_) @sock
      right: (call
        function: (_) @ctor
        arguments: (argument_list . (_)? . (_) @kind))))
  .
  (_)?
  .
  (_)?
  .
  (_)?
  .
  (expression_statement
    (call
      function: (attribute
        object: (_) @sock.use
        attribute: (identifier) @port.call)
      arguments: (argument_list (tuple . (_) . (integer) @port))))
  (#match? @ctor "(^|\\.)socket$")
  (#match? @kind "SOCK_DGRAM")
  (#eq? @sock @sock.use)
  (#any-of? @port.call "sendto" "connect")
  (#set! role "connect")
  (#set! transport "udp"))



; with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s: s.bind(("", 53))
(with_statement
  (with_clause
    (with_item
      value: (as_pattern
        (call
          function: (_) @ctor
          arguments: (argument_list . (_)? . (_) @kind))
        alias: (as_pattern_target (identifier) @sock))))
  body: (block
    (expression_statement
      (call
        function: (attribute
          object: (identifier) @sock.use
          attribute: (identifier) @port.call)
        arguments: (argument_list (tuple . (_) . (integer) @port)))))
  (#match? @ctor "(^|\\.)socket$")
  (#match? @kind "SOCK_DGRAM")
  (#eq? @sock @sock.use)
  (#eq? @port.call "bind")
  (#set! transport "udp"))

(with_statement
  (with_clause
    (with_item
      value: (as_pattern
        (call
          function: (_) @ctor
          arguments: (argument_list . (_)? . (_) @kind))
        alias: (as_pattern_target (identifier) @sock))))
  body: (block
    (expression_statement
      (call
        function: (attribute
          object: (identifier) @sock.use
          attribute: (identifier) @port.call)
        arguments: (argument_list (tuple . (_) . (integer) @port)))))
  (#match? @ctor "(^|\\.)socket$")
  (#match? @kind "SOCK_DGRAM")
  (#eq? @sock @sock.use)
  (#any-of? @port.call "sendto" "connect")
  (#set! role "connect")
  (#set! transport "udp"))

; socketserver.UDPServer(("", 9999), Handler)
(call
  function: [(identifier) @port.call (attribute attribute: (identifier) @port.call)]
  arguments: (argument_list . (tuple . (_) . (integer) @port))
  (#match? @port.call "^(Threading|Forking)?UDPServer$")
  (#set! transport "udp"))

; loop.create_datagram_endpoint(P, local_addr=("0.0.0.0", 9999)) / remote_addr=(host, 53)
(call
  function: (attribute attribute: (identifier) @port.call)
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @port.name
      value: (tuple . (_) . (integer) @port)))
  (#eq? @port.call "create_datagram_endpoint")
  (#eq? @port.name "local_addr")
  (#set! transport "udp"))

(call
  function: (attribute attribute: (identifier) @port.call)
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @port.name
      value: (tuple . (_) . (integer) @port)))
  (#eq? @port.call "create_datagram_endpoint")
  (#eq? @port.name "remote_addr")
  (#set! role "connect")
  (#set! transport "udp"))

; ---------------------------------------------------------------------------------------
; An address tuple with a wildcard host is a listener's, whatever it is handed to:
; ("0.0.0.0", 8080), ("::", 8080). (UDP was told apart above.)
((tuple . (string) @host . (integer) @port .)
  (#match? @host "^[rbuRBU]?[\"'](0\\.0\\.0\\.0|::|::0)[\"']$")
  (#set! role "listen"))

; server_address = ("", 8000), {"bind": ("", 9000)}: an empty host under an address name
([
  (assignment
    left: [(identifier) (attribute)] @port.name
    right: (tuple . (string) @host . (integer) @port .))
  (keyword_argument
    name: (identifier) @port.name
    value: (tuple . (string) @host . (integer) @port .))
  (pair
    key: (string (string_content) @port.name)
    value: (tuple . (string) @host . (integer) @port .))
]
  (#address-name? @port.name)
  (#match? @host "^[rbuRBU]?(\"\"|'')$")
  (#set! role "listen"))

; ---------------------------------------------------------------------------------------
; Socket addresses: (host, port) tuples handed to the calls that bind or connect.

; sock.bind(("", 8080)), HTTPServer(("", 8000), H), socketserver.TCPServer(("", 9000), H),
; socket.create_server(("", 8080)), multiprocessing.connection.Listener(("localhost", 6000))
(call
  function: [(identifier) @port.call (attribute attribute: (identifier) @port.call)]
  arguments: (argument_list . (tuple . (_) . (integer) @port))
  (#match? @port.call "^(bind|create_server|make_server|Listener|[A-Za-z]*Server)$"))

; sock.connect(("db", 5432)), socket.create_connection(("db", 5432)),
; sock.sendto(data, ("10.0.0.1", 53)), paramiko.Transport((host, 22))
(call
  function: [(identifier) @port.call (attribute attribute: (identifier) @port.call)]
  arguments: (argument_list (tuple . (_) . (integer) @port))
  (#any-of? @port.call "connect" "connect_ex" "create_connection" "sendto" "Client" "Transport"
    "get_server_certificate" "getaddrinfo")
  (#set! role "connect"))

; ---------------------------------------------------------------------------------------
; Positional host, port arguments.

; asyncio.start_server(handle, "127.0.0.1", 8888), web.TCPSite(runner, "0.0.0.0", 8080),
; websockets.serve(handler, "localhost", 8765), make_server("", 8000, app), app.run("0.0.0.0", 5000)
(call
  function: [(identifier) @port.call (attribute attribute: (identifier) @port.call)]
  arguments: (argument_list (string) @host . [(integer) (string)] @port)
  (#match? @port.call "^(start_server|create_server|serve|TCPSite|make_server|run|run_simple)$")
  (#match? @host "^[rbuRBU]?[\"']([0-9.]*|localhost|\\[?[0-9a-fA-F]*:[0-9a-fA-F:]*\\]?|[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]+)[\"']$"))

(call
  function: [(identifier) @port.call (attribute attribute: (identifier) @port.call)]
  arguments: (argument_list [(identifier) (attribute)] @host . [(integer) (string)] @port)
  (#match? @port.call "^(start_server|create_server|serve|TCPSite|make_server|run|run_simple)$")
  (#address-name? @host))

; smtplib.SMTP("smtp.example.com", 587), http.client.HTTPConnection(host, 8080),
; redis.Redis("localhost", 6379), loop.create_connection(P, host, 8888), ftp.connect(host, 21)
(call
  function: [(identifier) @port.call (attribute attribute: (identifier) @port.call)]
  arguments: (argument_list [(string) (call)] @host . [(integer) (string)] @port)
  (#match? @port.call "^(SMTP|SMTP_SSL|LMTP|HTTPConnection|HTTPSConnection|Telnet|POP3|POP3_SSL|IMAP4|IMAP4_SSL|NNTP|Redis|StrictRedis|ConnectionParameters|MongoClient|open_connection|create_connection|getaddrinfo)$")
  (#set! role "connect"))

(call
  function: [(identifier) @port.call (attribute attribute: (identifier) @port.call)]
  arguments: (argument_list [(identifier) (attribute)] @host . [(integer) (string)] @port)
  (#match? @port.call "^(SMTP|SMTP_SSL|LMTP|HTTPConnection|HTTPSConnection|Telnet|POP3|POP3_SSL|IMAP4|IMAP4_SSL|NNTP|Redis|StrictRedis|ConnectionParameters|MongoClient|open_connection|create_connection|getaddrinfo|connect)$")
  (#address-name? @host)
  (#set! role "connect"))

; grpc.insecure_channel("localhost:50051"), server.add_insecure_port("[::]:50051")
(call
  function: [(identifier) @port.call (attribute attribute: (identifier) @port.call)]
  arguments: (argument_list . (string) @port.string)
  (#any-of? @port.call "insecure_channel" "secure_channel" "create_channel")
  (#set! mode "any")
  (#set! role "connect"))

(call
  function: [(identifier) @port.call (attribute attribute: (identifier) @port.call)]
  arguments: (argument_list . (string) @port.string)
  (#any-of? @port.call "add_insecure_port" "add_secure_port")
  (#set! mode "any")
  (#set! role "listen"))

; ftp.connect("ftp.example.com", 21), sock.connect_ex(("localhost", 22)) is above; not
; sqlite3.connect("app.db", 5), whose second argument is a timeout
(call
  function: (attribute attribute: (identifier) @port.call)
  arguments: (argument_list . (string) @host . (integer) @port)
  (#any-of? @port.call "connect" "connect_ex")
  (#match? @host "^[rbuRBU]?[\"']([0-9.]+|localhost|[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})[\"']$")
  (#not-match? @host "\\.(db|sqlite3?|json|txt|csv|ya?ml|ini|cfg|conf|sock)[\"']$")
  (#set! role "connect"))

; prometheus_client.start_http_server(9100), tornado's app.listen(8888)
(call
  function: [(identifier) @port.call (attribute attribute: (identifier) @port.call)]
  arguments: (argument_list . (integer) @port)
  (#any-of? @port.call "start_http_server" "start_wsgi_server"))

(call
  function: (attribute
    object: (identifier) @app
    attribute: (identifier) @port.call)
  arguments: (argument_list . (integer) @port)
  (#eq? @port.call "listen")
  (#match? @app "^(app|application)$"))

; ---------------------------------------------------------------------------------------
; Keyword arguments: port=..., and addresses.

; psycopg2.connect(port=5432), redis.Redis(port=6379), smtplib.SMTP(port=587): a client's port
(call
  function: [(identifier) @port.call (attribute attribute: (identifier) @port.call)]
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @port.name
      value: [(integer) (string)] @port))
  (#port-name? @port.name)
  (#not-match? @port.name "ports$")
  (#match? @port.call "(?i)(connect|client|redis|mongo|session|pool|producer|consumer|smtp|ftp|telnet|channel|engine)")
  (#set! role "connect"))

; app.run(port=5000), uvicorn.run(app, port=8000), web.run_app(app, port=8080)
(keyword_argument
  name: (identifier) @port.name
  value: [(integer) (string)] @port
  (#port-name? @port.name)
  (#not-match? @port.name "ports$")
  (#set! role "from-name"))

; port=os.environ.get("PORT") or 8000, port=8443 if tls else 8080
(keyword_argument
  name: (identifier) @port.name
  value: [
    (boolean_operator right: [(integer) (string)] @port)
    (conditional_expression [(integer) (string)] @port)
  ]
  (#port-name? @port.name)
  (#set! role "from-name"))

; ports=[80, 443]
(keyword_argument
  name: (identifier) @port.name
  value: [(list (integer) @port) (tuple (integer) @port)]
  (#port-name? @port.name)
  (#set! role "from-name"))

; server_address=("", 8000), address=("logs.internal", 514)
(keyword_argument
  name: (identifier) @port.name
  value: (tuple . [(string) (identifier) (attribute)] . (integer) @port)
  (#address-name? @port.name)
  (#set! role "from-name"))

; bind="0.0.0.0:8000", bootstrap_servers="kafka:9092", hosts=["es01:9200"]
(keyword_argument
  name: (identifier) @port.name
  value: [
    (string) @port.string
    (list (string) @port.string)
    (tuple (string) @port.string)
  ]
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-name"))

; ---------------------------------------------------------------------------------------
; Names: constants, attributes, settings and parameters named for a port.

; DEFAULT_PORTS = {"http": 80, "https": 443}, WELL_KNOWN = {"ssh": 22}: a table of services
; and their ports (not RETRIES = {"http": 3} or TIMEOUTS = {"smtp": 30})
(assignment
  left: [(identifier) (attribute)] @port.name
  right: (dictionary
    (pair
      key: (string (string_content) @service)
      value: (integer) @port))
  (#any-of? @service "ssh" "sftp" "telnet" "smtp" "smtps" "submission" "http" "https" "ftp" "ftps"
    "dns" "domain" "imap" "imaps" "pop3" "pop3s" "ldap" "ldaps" "ntp" "snmp" "rdp" "vnc" "mysql"
    "postgres" "postgresql" "redis" "mongodb" "mongo" "memcached" "amqp" "amqps" "kafka" "mqtt"
    "elasticsearch" "syslog" "ws" "wss" "grpc" "git" "irc")
  (#not-match? @port.name "(?i)(retr|timeout|weight|count|limit|size|version|priorit|interval|delay|ttl|max|min|code|status)")
  (#set! role "connect"))

; SERVICES = {22: "ssh", 443: "https"}: the same table the other way round
(assignment
  left: [(identifier) (attribute)] @port.name
  right: (dictionary
    (pair
      key: (integer) @port
      value: (string (string_content) @service)))
  (#any-of? @service "ssh" "sftp" "telnet" "smtp" "smtps" "submission" "http" "https" "ftp" "ftps"
    "dns" "domain" "imap" "imaps" "pop3" "pop3s" "ldap" "ldaps" "ntp" "snmp" "rdp" "vnc" "mysql"
    "postgres" "postgresql" "redis" "mongodb" "mongo" "memcached" "amqp" "amqps" "kafka" "mqtt"
    "elasticsearch" "syslog" "ws" "wss" "grpc" "git" "irc")
  (#not-match? @port.name "(?i)(retr|timeout|weight|count|limit|size|version|priorit|interval|delay|ttl|max|min|code|status)")
  (#set! role "connect"))

; PORT = 8080, DEFAULT_PORT = 5432, self.port = 8000, port: int = 8000
(assignment
  left: [(identifier) (attribute)] @port.name
  right: [(integer) (string)] @port
  (#port-name? @port.name)
  (#not-match? @port.name "(?i)ports$")
  (#set! role "from-name"))

; app.config["PORT"] = 5000, os.environ["PORT"] = "8000"
(assignment
  left: (subscript subscript: (string (string_content) @port.name))
  right: [(integer) (string)] @port
  (#port-name? @port.name)
  (#set! role "from-name"))

; PORT = os.environ.get("PORT") or 8000, port = parsed.port or 443, port = 443 if tls else 80
(assignment
  left: [(identifier) (attribute)] @port.name
  right: [
    (boolean_operator right: [(integer) (string)] @port)
    (conditional_expression [(integer) (string)] @port)
  ]
  (#port-name? @port.name)
  (#set! role "from-name"))

; port = 8000 + worker_id: a base port plus an offset (not the 1 of next_port = port + 1)
(assignment
  left: [(identifier) (attribute)] @port.name
  right: (binary_operator
    left: (integer) @port
    operator: "+"
    right: [(identifier) (attribute) (call)] @offset)
  (#port-name? @port.name)
  (#not-port-name? @offset)
  (#set! role "from-name"))

; PORTS = [80, 443], ALLOWED_PORTS = (80, 443), SERVICE_PORTS = {"http": 80}, range(8000, 8010)
(assignment
  left: [(identifier) (attribute)] @port.name
  right: [
    (list (integer) @port)
    (tuple (integer) @port)
    (set (integer) @port)
    (dictionary (pair value: (integer) @port))
  ]
  (#port-name? @port.name)
  (#set! role "from-name"))

(assignment
  left: [(identifier) (attribute)] @port.name
  right: (call
    function: (identifier) @range
    arguments: (argument_list (integer) @port))
  (#port-name? @port.name)
  (#eq? @range "range")
  (#set! role "from-name"))

; HOST, PORT = "0.0.0.0", 8000
(assignment
  left: (pattern_list . (_) . (identifier) @port.name .)
  right: (expression_list . (_) . [(integer) (string)] @port .)
  (#port-name? @port.name)
  (#set! role "from-name"))

; LISTEN_ADDR = ("0.0.0.0", 514), server_address = ("", 8000)
(assignment
  left: [(identifier) (attribute)] @port.name
  right: (tuple . [(string) (identifier) (attribute)] . (integer) @port .)
  (#address-name? @port.name)
  (#set! role "from-name"))

; BIND = "0.0.0.0:8000", bind = ["0.0.0.0:8000"], KAFKA_BOOTSTRAP_SERVERS = "kafka:9092"
(assignment
  left: [(identifier) (attribute)] @port.name
  right: [
    (string) @port.string
    (list (string) @port.string)
    (tuple (string) @port.string)
  ]
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-name"))

; {"port": 5432}, {"PORT": "5432"}
(pair
  key: (string (string_content) @port.name)
  value: [(integer) (string)] @port
  (#port-name? @port.name)
  (#not-match? @port.name "(?i)ports$")
  (#set! role "from-name"))

; {"ports": [80, 443]}
(pair
  key: (string (string_content) @port.name)
  value: [(list (integer) @port) (tuple (integer) @port)]
  (#port-name? @port.name)
  (#set! role "from-name"))

; {"address": ("logs.internal", 514)}
(pair
  key: (string (string_content) @port.name)
  value: (tuple . [(string) (identifier) (attribute)] . (integer) @port .)
  (#address-name? @port.name)
  (#set! role "from-name"))

; {"hosts": ["es01:9200"]}, {"bind": "0.0.0.0:8000"}
(pair
  key: (string (string_content) @port.name)
  value: [
    (string) @port.string
    (list (string) @port.string)
  ]
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-name"))

; def __init__(self, host="localhost", port=6379), def serve(port: int = 8000)
(default_parameter
  name: (identifier) @port.name
  value: [(integer) (string)] @port
  (#port-name? @port.name)
  (#not-match? @port.name "(?i)ports$")
  (#set! role "from-name"))

(typed_default_parameter
  name: (identifier) @port.name
  value: [(integer) (string)] @port
  (#port-name? @port.name)
  (#not-match? @port.name "(?i)ports$")
  (#set! role "from-name"))

; if port == 443: ..., if dst_port in (53, 5353): ...
(comparison_operator
  [(identifier) (attribute)] @port.name
  ["==" "!="]
  (integer) @port
  (#port-name? @port.name)
  (#set! role "from-name"))

; if sport == 53 (the source port of packet code; "sport" is otherwise no port name)
(comparison_operator
  [(identifier) (attribute)] @port.name
  ["==" "!="]
  (integer) @port
  (#match? @port.name "(^|\\.)sport$")
  (#set! role "connect"))

(comparison_operator
  [(identifier) (attribute)] @port.name
  ["in" "not in"]
  [(tuple (integer) @port) (list (integer) @port) (set (integer) @port)]
  (#port-name? @port.name)
  (#set! role "from-name"))

; ---------------------------------------------------------------------------------------
; Lookups with a default: environment, settings, command-line options.

; os.environ.get("PORT", 8000), os.getenv("PORT", "8000"), getattr(settings, "PORT", 8000),
; config.get("port", 8080), cfg.set("server", "port", "8080") (not stats.get("ports", 0))
(call
  arguments: (argument_list
    (string (string_content) @port.name)
    .
    [(integer) (string)] @port)
  (#port-name? @port.name)
  (#match? @port.name "^-{0,2}[A-Za-z_][A-Za-z0-9_.-]*$")
  (#not-match? @port.name "(?i)ports$")
  (#set! role "from-name"))

; env.int("EMAIL_PORT", default=587), config("PORT", default=8000, cast=int),
; parser.add_argument("-p", "--port", type=int, default=8000), click.option("--port", default=5000),
; cfg.getint("server", "port", fallback=8080)
(call
  arguments: (argument_list
    (string (string_content) @port.name)
    (keyword_argument
      name: (identifier) @default
      value: [(integer) (string)] @port))
  (#port-name? @port.name)
  (#match? @port.name "^-{0,2}[A-Za-z_][A-Za-z0-9_.-]*$")
  (#any-of? @default "default" "fallback")
  (#set! role "from-name"))

; typer.Option(8000, "--port")
(call
  function: [(identifier) @port.call (attribute attribute: (identifier) @port.call)]
  arguments: (argument_list
    .
    [(integer) (string)] @port
    .
    (string (string_content) @port.name))
  (#port-name? @port.name)
  (#any-of? @port.call "Option" "Argument")
  (#set! role "from-name"))

; os.environ.get("PORT") or 8000
(boolean_operator
  left: (call
    arguments: (argument_list . (string (string_content) @port.name)))
  right: [(integer) (string)] @port
  (#port-name? @port.name)
  (#set! role "from-name"))

; os.getenv("REDIS_ADDR", "localhost:6379"), add_argument("--bind", default="0.0.0.0:8000")
(call
  arguments: (argument_list
    (string (string_content) @port.name)
    .
    (string) @port.string)
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-name"))

(call
  arguments: (argument_list
    (string (string_content) @port.name)
    (keyword_argument
      name: (identifier) @default
      value: (string) @port.string))
  (#address-name? @port.name)
  (#any-of? @default "default" "fallback")
  (#set! mode "any")
  (#set! role "from-name"))

; ---------------------------------------------------------------------------------------
; Command lines written as lists, read like a Dockerfile's exec form:
; subprocess.Popen(["redis-server", "--port", "6380"]), cmd = ["nc", "-l", "8080"]
(call
  function: (attribute
    object: (identifier) @module
    attribute: (identifier) @port.call)
  arguments: (argument_list . (list) @port.command)
  (#any-of? @module "subprocess" "os" "asyncio")
  (#any-of? @port.call "Popen" "run" "call" "check_call" "check_output" "execvp" "execv"
    "create_subprocess_exec"))

(assignment
  left: (identifier) @port.name
  right: (list) @port.command
  (#match? @port.name "(?i)(^|_)(cmd|command|argv|args)$"))

; ---------------------------------------------------------------------------------------
; Tuples that can only be socket addresses: an IP address or localhost, and a port.

; ("127.0.0.1", 6379), ("localhost", 5432), ("9.9.9.9", 53), ("api.example.com", 443)
((tuple . (string) @host . (integer) @port .)
  (#match? @host "^[rbuRBU]?[\"']([0-9]{1,3}(\\.[0-9]{1,3}){3}|localhost|::1|[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.(com|org|net|io|dev|app|cloud|internal|local|localdomain|lan|corp|svc|cluster\\.local))[\"']$")
  (#set! role "connect"))

; ---------------------------------------------------------------------------------------
; URLs in any string used as a value (not docstrings, which are prose).
([
  (argument_list (string) @port.string)
  (keyword_argument value: (string) @port.string)
  (assignment right: (string) @port.string)
  (augmented_assignment right: (string) @port.string)
  (pair value: (string) @port.string)
  (list (string) @port.string)
  (tuple (string) @port.string)
  (set (string) @port.string)
  (expression_list (string) @port.string)
  (return_statement (string) @port.string)
  (default_parameter value: (string) @port.string)
  (typed_default_parameter value: (string) @port.string)
  (binary_operator (string) @port.string)
  (boolean_operator (string) @port.string)
  (conditional_expression (string) @port.string)
  (comparison_operator (string) @port.string)
  (parenthesized_expression (string) @port.string)
  (concatenated_string (string) @port.string)
  (attribute object: (string) @port.string)
  (subscript value: (string) @port.string)
]
(#set! mode "urls"))
