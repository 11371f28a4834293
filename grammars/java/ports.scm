; Port literals in Java. Captures: @port (a number, or a string of digits), @port.string /
; @port.settings (strings searched for URLs, host:port and key=value settings), @port.call /
; @port.name (context; names give the role under role "from-name"). Captures named with a
; leading underscore only serve predicates. Where two patterns find one literal, the first
; written wins, so specific contexts come before the catch-all string pattern at the end.

; ---------------------------------------------------------------------------------------
; Names: constants, fields, variables and assignments named for a port.

; Fields: the class's name speaks too (class RedisSettings { static final int PORT = 6379; })
(class_declaration
  name: (identifier) @port.name
  body: (class_body
    (field_declaration
      declarator: (variable_declarator
        name: (identifier) @port.name @_field
        value: [(decimal_integer_literal) (string_literal)] @port)))
  (#port-name? @_field)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; static final int PORT = 8080; private int port = 8080; String DB_PORT = "5432";
(variable_declarator
  name: (identifier) @port.name
  value: [(decimal_integer_literal) (string_literal)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; int port = env != null ? Integer.parseInt(env) : 8080;
(variable_declarator
  name: (identifier) @port.name
  value: (ternary_expression alternative: [(decimal_integer_literal) (string_literal)] @port)
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(variable_declarator
  name: (identifier) @port.name
  value: (ternary_expression consequence: [(decimal_integer_literal) (string_literal)] @port)
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; static final int[] PORTS = {8080, 8443}; List<Integer> ports = List.of(8080, 8443);
(variable_declarator
  name: (identifier) @port.name
  value: [(array_initializer (decimal_integer_literal) @port)
          (array_creation_expression value: (array_initializer (decimal_integer_literal) @port))
          (method_invocation
            name: (identifier) @_of
            arguments: (argument_list (decimal_integer_literal) @port))]
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#any-of? @_of "of" "asList" "copyOf" "newArrayList" "newHashSet" "newLinkedHashSet")
  (#set! role "from-name"))

; port = 8080; this.port = 8080; port = args.length > 0 ? parse(args[0]) : 8080;
(assignment_expression
  left: [(identifier) @port.name (field_access field: (identifier) @port.name)]
  right: [(decimal_integer_literal) (string_literal)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(assignment_expression
  left: [(identifier) @port.name (field_access field: (identifier) @port.name)]
  right: (ternary_expression alternative: [(decimal_integer_literal) (string_literal)] @port)
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(assignment_expression
  left: [(identifier) @port.name (field_access field: (identifier) @port.name)]
  right: (ternary_expression consequence: [(decimal_integer_literal) (string_literal)] @port)
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; if (port == 443) ...; switch (port) { case 80: ... } (port == 0 asks whether one is set)
(binary_expression
  left: [(identifier) @port.name (field_access field: (identifier) @port.name)
         (method_invocation name: (identifier) @port.name)]
  operator: ["==" "!="]
  right: (decimal_integer_literal) @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(switch_expression
  condition: (parenthesized_expression
    [(identifier) @port.name (field_access field: (identifier) @port.name)
     (method_invocation name: (identifier) @port.name)])
  body: (switch_block
    [(switch_block_statement_group (switch_label (decimal_integer_literal) @port))
     (switch_rule (switch_label (decimal_integer_literal) @port))])
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; ---------------------------------------------------------------------------------------
; Testcontainers: a container's own ports, and the host ports mapped to them that tests dial.
(method_invocation
  name: (identifier) @port.call
  arguments: (argument_list [(decimal_integer_literal) (string_literal)] @port)
  (#any-of? @port.call "withExposedPorts" "addExposedPort" "addExposedPorts" "setExposedPorts")
  (#set! role "listen"))
(method_invocation
  name: (identifier) @port.call
  arguments: (argument_list . [(decimal_integer_literal) (string_literal)] @port)
  (#any-of? @port.call "getMappedPort" "getServicePort")
  (#set! role "connect"))

; Calls named for a port: server.setPort(8080), ServerBuilder.forPort(50051),
; Spark's port(4567), container.withExposedPorts(5432, 6379), getMappedPort(5432).
; The receiver's name tells the side: redisConfig.setPort(6379) connects.
(method_invocation
  object: (_)? @port.name
  name: (identifier) @port.name @_method
  arguments: (argument_list [(decimal_integer_literal) (string_literal)] @port)
  (#port-name? @_method)
  (#set! role "from-name"))

; Key and value side by side in a call: System.getenv().getOrDefault("PORT", "8080"),
; Integer.getInteger("server.port", 8080), props.put("mail.smtp.port", 587),
; Map.of("port", 8080), cmd.getOptionValue("port", "8080").
(argument_list
  (string_literal (string_fragment) @port.name)
  .
  [(decimal_integer_literal) (string_literal)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#match? @port.name "^[A-Za-z0-9_.-]+$")
  (#set! role "from-name"))
; env.getProperty("redis.port", Integer.class, 6379)
(argument_list
  (string_literal (string_fragment) @port.name)
  .
  (class_literal)
  .
  [(decimal_integer_literal) (string_literal)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#match? @port.name "^[A-Za-z0-9_.-]+$")
  (#set! role "from-name"))

; An address beside its key: props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092"),
; getOrDefault("KAFKA_BOOTSTRAP", "kafka-0:9092,kafka-1:9092").
(argument_list
  [(string_literal (string_fragment) @port.name)
   (identifier) @port.name
   (field_access field: (identifier) @port.name)]
  .
  (string_literal) @port.string
  (#address-name? @port.name)
  (#not-port-name? @port.name)
  (#set! mode "any")
  (#set! role "from-name"))

; Optional.ofNullable(System.getenv("PORT")).map(Integer::parseInt).orElse(8080)
(method_invocation
  object: [
    (method_invocation
      arguments: (argument_list
        (method_invocation
          name: (identifier) @_get
          arguments: (argument_list . (string_literal (string_fragment) @port.name)))))
    (method_invocation
      object: (method_invocation
        arguments: (argument_list
          (method_invocation
            name: (identifier) @_get
            arguments: (argument_list . (string_literal (string_fragment) @port.name))))))]
  name: (identifier) @_or
  arguments: (argument_list . [(decimal_integer_literal) (string_literal)] @port .)
  (#eq? @_or "orElse")
  (#any-of? @_get "getenv" "getProperty")
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; Annotations: @EmbeddedKafka(ports = 9092), @Option(names = "--port", defaultValue = "8080")
(element_value_pair
  key: (identifier) @port.name
  value: [(decimal_integer_literal) (string_literal)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(element_value_pair
  key: (identifier) @port.name
  value: (element_value_array_initializer [(decimal_integer_literal) (string_literal)] @port)
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(annotation_argument_list
  (element_value_pair key: (identifier) @_names value: (_) @port.name)
  (element_value_pair key: (identifier) @_default value: (string_literal) @port)
  (#eq? @_names "names")
  (#eq? @_default "defaultValue")
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(annotation_argument_list
  (element_value_pair key: (identifier) @_default value: (string_literal) @port)
  (element_value_pair key: (identifier) @_names value: (_) @port.name)
  (#eq? @_names "names")
  (#eq? @_default "defaultValue")
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; ---------------------------------------------------------------------------------------
; Sockets and servers.

; new ServerSocket(8080), new ServerSocket(8080, 50), factory.createServerSocket(8443),
; Jetty's new Server(8080)
(object_creation_expression
  type: (type_identifier) @port.call
  arguments: (argument_list . (decimal_integer_literal) @port)
  (#any-of? @port.call "ServerSocket" "SSLServerSocket" "Server")
  (#set! role "listen"))
(method_invocation
  name: (identifier) @port.call
  arguments: (argument_list . (decimal_integer_literal) @port)
  (#eq? @port.call "createServerSocket")
  (#set! role "listen"))

; new DatagramSocket(514), new MulticastSocket(5353)
(object_creation_expression
  type: (type_identifier) @port.call
  arguments: (argument_list . (decimal_integer_literal) @port)
  (#any-of? @port.call "DatagramSocket" "MulticastSocket")
  (#set! role "listen")
  (#set! transport "udp"))
; new DatagramSocket(new InetSocketAddress("0.0.0.0", 514))
(object_creation_expression
  type: (type_identifier) @port.call
  arguments: (argument_list
    . (object_creation_expression
        type: (type_identifier) @_addr
        arguments: (argument_list (decimal_integer_literal) @port .)))
  (#any-of? @port.call "DatagramSocket" "MulticastSocket")
  (#eq? @_addr "InetSocketAddress")
  (#set! role "listen")
  (#set! transport "udp"))

; channel.bind(new InetSocketAddress(host, 8080)), socket.bind(new InetSocketAddress(addr, 0)):
; whatever the host, an address given to bind is this machine's
(method_invocation
  name: (identifier) @port.call
  arguments: (argument_list
    . (object_creation_expression
        type: (type_identifier) @_addr
        arguments: (argument_list (_) . (decimal_integer_literal) @port .)))
  (#eq? @port.call "bind")
  (#eq? @_addr "InetSocketAddress")
  (#set! role "listen"))

; new InetSocketAddress(8080): this machine's port
(object_creation_expression
  type: (type_identifier) @port.call
  arguments: (argument_list . (decimal_integer_literal) @port .)
  (#eq? @port.call "InetSocketAddress")
  (#set! role "listen"))
; new InetSocketAddress("0.0.0.0", 8080) listens; new InetSocketAddress("db", 5432) connects
(object_creation_expression
  type: (type_identifier) @port.call
  arguments: (argument_list . (string_literal) @_host . (decimal_integer_literal) @port .)
  (#eq? @port.call "InetSocketAddress")
  (#match? @_host "^\"(0\\.0\\.0\\.0|::|\\[::\\]|\\*)?\"$")
  (#set! role "listen"))
(object_creation_expression
  type: (type_identifier) @port.call
  arguments: (argument_list . (string_literal) @_host . (decimal_integer_literal) @port .)
  (#eq? @port.call "InetSocketAddress")
  (#not-match? @_host "^\"(0\\.0\\.0\\.0|::|\\[::\\]|\\*)?\"$")
  (#set! role "connect"))
; new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080) and new InetSocketAddress(bindAddr, 8080)
; are this machine's; new InetSocketAddress(host, 6379) another's
(object_creation_expression
  type: (type_identifier) @port.call
  arguments: (argument_list . [(identifier) (field_access) (method_invocation)] @_host
                            . (decimal_integer_literal) @port .)
  (#eq? @port.call "InetSocketAddress")
  (#match? @_host "[Bb]ind|BIND|[Ll]isten|LISTEN|[Ll]ocal|LOCAL|[Ll]oopback|[Aa]ny[A-Z(]|ANY|[Ww]ildcard")
  (#set! role "listen"))
(object_creation_expression
  type: (type_identifier) @port.call
  arguments: (argument_list . [(identifier) (field_access) (method_invocation)] @_host
                            . (decimal_integer_literal) @port .)
  (#eq? @port.call "InetSocketAddress")
  (#not-match? @_host "[Bb]ind|BIND|[Ll]isten|LISTEN|[Ll]ocal|LOCAL|[Ll]oopback|[Aa]ny[A-Z(]|ANY|[Ww]ildcard")
  (#set! role "connect"))

; Clients given a host and a port: new Socket("host", 80), new Jedis("localhost", 6379),
; new JedisPool(config, "redis", 6379), new MongoClient("db", 27017), new HttpHost("es", 9200),
; new TSocket("localhost", 9090), new ServerAddress("mongo", 27017)
(object_creation_expression
  type: [(type_identifier) (scoped_type_identifier)] @port.call
  arguments: (argument_list
    [(string_literal) (identifier) (field_access)] @_host
    .
    (decimal_integer_literal) @port)
  (#match? @port.call "(^|\\.)(Socket|SSLSocket|Jedis|JedisPool|JedisSentinelPool|MongoClient|ServerAddress|HttpHost|TSocket|THttpClient|HostAndPort|MemcachedClient|RedisURI)$")
  (#match? @_host "^\"|[Hh][Oo][Ss][Tt]|[Aa][Dd][Dd][Rr]|[Ss][Ee][Rr][Vv][Ee][Rr]")
  (#set! role "connect"))

; Calls given a host and a port (never Socket.connect(address, timeout)):
; ManagedChannelBuilder.forAddress("accounts", 9000), bootstrap.connect(host, 443), sslFactory.createSocket("host", 443),
; InetSocketAddress.createUnresolved("proxy", 3128), HostAndPort.fromParts("db", 5432)
(method_invocation
  name: (identifier) @port.call
  arguments: (argument_list
    . [(string_literal) (identifier) (field_access)] @_host
    . (decimal_integer_literal) @port)
  (#any-of? @port.call "forAddress" "connect" "createSocket" "createUnresolved" "fromParts")
  (#match? @_host "^\"|[Hh][Oo][Ss][Tt]")
  (#set! role "connect"))
; JSch: jsch.getSession("deploy", "bastion.example.com", 2222)
(method_invocation
  name: (identifier) @port.call
  arguments: (argument_list . (_) . (_) . (decimal_integer_literal) @port)
  (#eq? @port.call "getSession")
  (#set! role "connect"))

; Netty and Vert.x: bootstrap.bind(8080), bootstrap.bind("0.0.0.0", 8080),
; server.listen(8080), server.listen(8080, "0.0.0.0"), Undertow's addHttpListener(8080, host)
(method_invocation
  name: (identifier) @port.call
  arguments: (argument_list . (decimal_integer_literal) @port .)
  (#eq? @port.call "bind")
  (#set! role "listen"))
(method_invocation
  name: (identifier) @port.call
  arguments: (argument_list
    . [(string_literal) (identifier) (field_access)] @_host
    . (decimal_integer_literal) @port .)
  (#eq? @port.call "bind")
  (#match? @_host "^\"|[Hh][Oo][Ss][Tt]|[Aa][Dd][Dd][Rr]|[Ii][Nn][Tt][Ee][Rr][Ff][Aa][Cc][Ee]")
  (#set! role "listen"))
(method_invocation
  name: (identifier) @port.call
  arguments: (argument_list . (decimal_integer_literal) @port)
  (#any-of? @port.call "listen" "addHttpListener" "addHttpsListener" "addListener" "listenHttp")
  (#set! role "listen"))
; Javalin.create().start(7070), Javalin.create(config -> ...).start(7070)
(method_invocation
  object: (method_invocation
    object: (identifier) @_javalin
    name: (identifier) @_create)
  name: (identifier) @port.call
  arguments: (argument_list . (decimal_integer_literal) @port .)
  (#eq? @_create "create")
  (#eq? @port.call "start")
  (#any-of? @_javalin "Javalin" "Jooby")
  (#set! role "listen"))
; Vert.x clients: webClient.get(8080, "localhost", "/path"), httpClient.request(GET, 8080, "host", "/")
(method_invocation
  name: (identifier) @port.call
  arguments: (argument_list
    (decimal_integer_literal) @port
    .
    (string_literal)
    .
    (string_literal) @_path)
  (#any-of? @port.call "get" "post" "put" "delete" "head" "patch" "request" "webSocket")
  (#match? @_path "^\"/")
  (#set! role "connect"))

; ---------------------------------------------------------------------------------------
; Strings.

; Strings a name vouches for as addresses: String BOOTSTRAP = "kafka:9092"; redisAddr = "cache:6379";
(variable_declarator
  name: (identifier) @port.name
  value: (string_literal) @port.string
  (#address-name? @port.name)
  (#not-port-name? @port.name)
  (#set! mode "any")
  (#set! role "from-name"))
(assignment_expression
  left: [(identifier) @port.name (field_access field: (identifier) @port.name)]
  right: (string_literal) @port.string
  (#address-name? @port.name)
  (#not-port-name? @port.name)
  (#set! mode "any")
  (#set! role "from-name"))
; Calls that take an address: ManagedChannelBuilder.forTarget("accounts:9000"),
; HostAndPort.fromString("db:5432"), setBootstrapServers("kafka:9092")
(method_invocation
  name: (identifier) @port.call
  arguments: (argument_list . (string_literal) @port.string)
  (#match? @port.call "^(forTarget|fromString|createUnresolved)$|(Address|Addresses|Host|Hosts|Servers|Url|Uri|Endpoint)$")
  (#set! mode "any")
  (#set! role "connect"))

; Every string: URLs ("jdbc:postgresql://db:5432/app", "http://localhost:8080"), settings
; ("--server.port=8081", "host=db port=5432"), placeholder defaults ("${server.port:8080}").
((string_literal) @port.settings
  (#set! mode "urls"))
