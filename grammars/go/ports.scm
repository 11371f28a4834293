; Port literals in Go. Captures: @port (a number, or a string of digits), @port.string (a
; string searched for URLs and host:port), @port.call / @port.name (context).

; ---- Addresses given to the standard library and the common servers and clients ----

; net.Listen("tcp", ":8080"), tls.Listen("tcp", "localhost:443"), net.ListenPacket("udp", ":53"): whatever
; the host, the address is one this program listens on (@port.network: "udp*" makes it udp)
(call_expression
  function: (selector_expression field: (field_identifier) @port.call)
  arguments: (argument_list
    . (interpreted_string_literal (interpreted_string_literal_content) @port.network)
    . [(interpreted_string_literal) (raw_string_literal)] @port.string)
  (#any-of? @port.call "Listen" "ListenPacket")
  (#set! mode "any")
  (#set! role "listen"))

; net.ResolveUDPAddr("udp", ":53") listens, net.ResolveTCPAddr("tcp", "db:5432") is dialled
(call_expression
  function: (selector_expression field: (field_identifier) @port.call)
  arguments: (argument_list
    . (interpreted_string_literal (interpreted_string_literal_content) @port.network)
    . [(interpreted_string_literal) (raw_string_literal)] @port.string)
  (#any-of? @port.call "ResolveTCPAddr" "ResolveUDPAddr")
  (#set! mode "any")
  (#set! role "from-host"))

; net.Dial("tcp", "db:5432"), net.DialTimeout("udp", "8.8.8.8:53", t), tls.Dial(...),
; dialer.DialContext(ctx, "tcp", "redis:6379")
(call_expression
  function: (selector_expression field: (field_identifier) @port.call)
  arguments: (argument_list
    (interpreted_string_literal (interpreted_string_literal_content) @port.network)
    . [(interpreted_string_literal) (raw_string_literal)] @port.string)
  (#any-of? @port.call "Dial" "DialTimeout" "DialContext" "DialTLS" "DialWithDialer")
  (#set! mode "any")
  (#set! role "connect"))

; http.ListenAndServe(":8080", nil), http.ListenAndServeTLS(":443", cert, key, nil)
(call_expression
  function: (selector_expression field: (field_identifier) @port.call)
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @port.string)
  (#any-of? @port.call "ListenAndServe" "ListenAndServeTLS")
  (#set! mode "any")
  (#set! role "listen"))

; gin r.Run(":8080"), echo e.Start(":1323"), fiber app.Listen(":3000"), r.RunTLS(":443", ...)
(call_expression
  function: (selector_expression field: (field_identifier) @port.call)
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @port.string)
  (#any-of? @port.call "Run" "RunTLS" "Start" "StartTLS" "Listen" "Serve")
  (#set! mode "hosts")
  (#set! role "listen"))

; grpc.Dial("localhost:50051", ...), grpc.NewClient("orders:9090", ...), grpc.DialContext(ctx, "x:1")
(call_expression
  function: (selector_expression
    operand: (identifier) @pkg
    field: (field_identifier) @port.call)
  arguments: (argument_list [(interpreted_string_literal) (raw_string_literal)] @port.string)
  (#eq? @pkg "grpc")
  (#any-of? @port.call "Dial" "DialContext" "NewClient")
  (#set! mode "any")
  (#set! role "connect"))

; net.JoinHostPort(host, "5432"), net.JoinHostPort("", "8080")
(call_expression
  function: (selector_expression field: (field_identifier) @port.call)
  arguments: (argument_list
    . (_) @host
    . (interpreted_string_literal) @port .)
  (#eq? @port.call "JoinHostPort")
  (#not-match? @host "^\"(0\\.0\\.0\\.0|::)?\"$")
  (#set! role "connect"))
(call_expression
  function: (selector_expression field: (field_identifier) @port.call)
  arguments: (argument_list
    . (interpreted_string_literal) @host
    . (interpreted_string_literal) @port .)
  (#eq? @port.call "JoinHostPort")
  (#match? @host "^\"(0\\.0\\.0\\.0|::)?\"$")
  (#set! role "listen"))

; fmt.Sprintf(":%d", 8080) listens; fmt.Sprintf("localhost:%d", 8080) and
; fmt.Sprintf("%s:%d", host, 6379) name a destination.
(call_expression
  function: (selector_expression field: (field_identifier) @port.call)
  arguments: (argument_list
    . (interpreted_string_literal) @format
    . (int_literal) @port)
  (#eq? @port.call "Sprintf")
  (#match? @format "^\"(0\\.0\\.0\\.0)?:%d[^%]*\"$")
  (#set! role "listen"))
(call_expression
  function: (selector_expression field: (field_identifier) @port.call)
  arguments: (argument_list
    . (interpreted_string_literal) @format
    . (int_literal) @port)
  (#eq? @port.call "Sprintf")
  (#match? @format "^\"[a-z]*://[A-Za-z0-9.-]+:%d|^\"[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*:%d[^%]*\"$")
  (#not-match? @format "^\"0\\.0\\.0\\.0:")
  (#set! role "connect"))
(call_expression
  function: (selector_expression field: (field_identifier) @port.call)
  arguments: (argument_list
    . (interpreted_string_literal) @format
    . (_)
    . (int_literal) @port)
  (#eq? @port.call "Sprintf")
  (#match? @format "^\"([a-z]*://)?%[sv]:%d[^%]*\"$")
  (#set! role "connect"))

; ---- Struct literals: &http.Server{Addr: ":8080"}, redis.Options{Addr: "cache:6379"},
; Config{Port: 8080}, &net.UDPAddr{Port: 53} ----

(keyed_element
  key: (literal_element (identifier) @port.name)
  value: (literal_element [(interpreted_string_literal) (raw_string_literal)] @port.string)
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-host"))

(composite_literal
  type: [(qualified_type name: (type_identifier) @type) (type_identifier) @type]
  body: (literal_value
    (keyed_element
      key: (literal_element (identifier) @port.name)
      value: (literal_element (int_literal) @port)))
  (#eq? @type "UDPAddr")
  (#eq? @port.name "Port")
  (#set! transport "udp"))
(keyed_element
  key: (literal_element (identifier) @port.name)
  value: (literal_element [(int_literal) (interpreted_string_literal)] @port)
  (#port-name? @port.name)
  (#not-match? @port.name "(^|_)(max|min|incr|increment|delta|step|MAX|MIN|INCR|INCREMENT|DELTA|STEP|Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)|(Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)")
  (#set! role "from-name"))

; ---- Flags, settings and environment defaults ----

; flag.Int("port", 8080, "..."), flag.IntVar(&port, "port", 8080, "..."),
; pflag IntP("port", "p", 8080, "..."), viper.SetDefault("server.port", 8080),
; getEnvInt("PORT", 8080), getenv("PORT", "8080")
(call_expression
  function: [(selector_expression field: (field_identifier) @port.call) (identifier) @port.call]
  arguments: (argument_list
    (interpreted_string_literal (interpreted_string_literal_content) @port.name)
    . [(int_literal) (interpreted_string_literal)] @port)
  (#match? @port.call "^(Int|Int64|Uint|Uint64|Uint16|Uint32|String|IntVar|Int64Var|UintVar|Uint16Var|StringVar|IntP|UintP|Uint16P|StringP|IntVarP|UintVarP|Uint16VarP|StringVarP|SetDefault)$|[Ee]nv|[Dd]efault|[Ff]allback")
  (#port-name? @port.name)
  (#set! role "from-name"))
(call_expression
  function: [(selector_expression field: (field_identifier) @port.call) (identifier) @port.call]
  arguments: (argument_list
    (interpreted_string_literal (interpreted_string_literal_content) @port.name)
    . (interpreted_string_literal)
    . (int_literal) @port)
  (#any-of? @port.call "IntP" "UintP" "Uint16P" "IntVarP" "UintVarP" "Uint16VarP")
  (#port-name? @port.name)
  (#set! role "from-name"))

; flag.String("addr", ":8080", "..."), flag.String("listen", "0.0.0.0:9000", "..."),
; getenv("REDIS_ADDR", "localhost:6379")
(call_expression
  function: [(selector_expression field: (field_identifier) @port.call) (identifier) @port.call]
  arguments: (argument_list
    (interpreted_string_literal (interpreted_string_literal_content) @port.name)
    . [(interpreted_string_literal) (raw_string_literal)] @port.string)
  (#match? @port.call "^(String|StringVar|StringP|StringVarP|SetDefault)$|[Ee]nv|[Dd]efault|[Ff]allback")
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-host"))

; port := cmp.Or(os.Getenv("PORT"), "8080")
(call_expression
  function: (selector_expression field: (field_identifier) @port.call)
  arguments: (argument_list
    (call_expression
      function: (selector_expression field: (field_identifier) @getenv)
      arguments: (argument_list . (interpreted_string_literal (interpreted_string_literal_content) @port.name) .))
    . [(interpreted_string_literal) (int_literal)] @port)
  (#eq? @port.call "Or")
  (#eq? @getenv "Getenv")
  (#port-name? @port.name)
  (#set! role "from-name"))

; Any other flag or setting default that is plainly an address: flag.String("bridge",
; "127.0.0.1:7000", "...")
(call_expression
  function: [(selector_expression field: (field_identifier) @port.call) (identifier) @port.call]
  arguments: (argument_list
    (interpreted_string_literal)
    . [(interpreted_string_literal) (raw_string_literal)] @port.string)
  (#match? @port.call "^(String|StringVar|StringP|StringVarP|SetDefault)$|[Ee]nv|[Dd]efault|[Ff]allback")
  (#set! mode "hosts")
  (#set! role "from-host"))

; ---- Constants and variables named for ports or addresses ----

; const port = 8080, DefaultPort = 5432, var grpcPort = 9090
([(const_spec
    name: (identifier) @port.name
    value: (expression_list . [(int_literal) (interpreted_string_literal)] @port .))
  (var_spec
    name: (identifier) @port.name
    value: (expression_list . [(int_literal) (interpreted_string_literal)] @port .))]
  (#port-name? @port.name)
  (#not-match? @port.name "(^|_)(max|min|incr|increment|delta|step|MAX|MIN|INCR|INCREMENT|DELTA|STEP|Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)|(Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)")
  (#set! role "from-name"))

; port := 9000, port = "8080" (after os.Getenv("PORT") came back empty), cfg.Port = 3000
([(short_var_declaration
    left: (expression_list . (identifier) @port.name .)
    right: (expression_list . [(int_literal) (interpreted_string_literal)] @port .))
  (assignment_statement
    left: (expression_list . [(identifier) @port.name (selector_expression field: (field_identifier) @port.name)] .)
    right: (expression_list . [(int_literal) (interpreted_string_literal)] @port .))]
  (#port-name? @port.name)
  (#not-match? @port.name "(^|_)(max|min|incr|increment|delta|step|MAX|MIN|INCR|INCREMENT|DELTA|STEP|Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)|(Max|Min|Incr|Increment|Delta|Step)([A-Z_]|$)")
  (#not-match? @port "^\"?0\"?$")
  (#set! role "from-name"))

; addr := ":8080", const upstreamAddr = "billing:7070", srv.Addr = "0.0.0.0:8443"
([(const_spec
    name: (identifier) @port.name
    value: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @port.string .))
  (var_spec
    name: (identifier) @port.name
    value: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @port.string .))
  (short_var_declaration
    left: (expression_list . (identifier) @port.name .)
    right: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @port.string .))
  (assignment_statement
    left: (expression_list . [(identifier) @port.name (selector_expression field: (field_identifier) @port.name)] .)
    right: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @port.string .))]
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-host"))

; var upstreams = []string{"1.1.1.1:53", "8.8.8.8:53"}, brokers := []string{"kafka-1:9092"}
([(var_spec
    name: (identifier) @port.name
    value: (expression_list (composite_literal body: (literal_value (literal_element [(interpreted_string_literal) (raw_string_literal)] @port.string)))))
  (short_var_declaration
    left: (expression_list . (identifier) @port.name .)
    right: (expression_list (composite_literal body: (literal_value (literal_element [(interpreted_string_literal) (raw_string_literal)] @port.string)))))
  (keyed_element
    key: (literal_element (identifier) @port.name)
    value: (literal_element (composite_literal body: (literal_value (literal_element [(interpreted_string_literal) (raw_string_literal)] @port.string)))))]
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-host"))

; "127.0.0.1:8080", "localhost:50051", "[::1]:9000" anywhere: a string that starts with a literal address
([(interpreted_string_literal) (raw_string_literal)] @port.string
  (#match? @port.string "^[A-Za-z]*[\"'`]\\(?(localhost|[0-9]{1,3}(\\.[0-9]{1,3}){3}|\\[[0-9a-fA-F:.]+\\]):[0-9]+")
  (#set! mode "hosts")
  (#set! role "from-host"))

; ---- Commands the program runs: exec.Command("ssh", "-p", "2222", host), read like a
; Dockerfile's RUN (server and client port flags, ssh forwards, URLs) ----
(call_expression
  function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @port.call)
  arguments: (argument_list) @port.command
  (#eq? @pkg "exec")
  (#match? @port.call "^Command(Context)?$"))

; ---- Every other string: URLs with an explicit port ----
([(interpreted_string_literal) (raw_string_literal)] @port.string
  (#set! mode "urls"))
