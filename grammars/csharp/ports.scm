; Port literals in C#. Captures: @port (a number, or a string of digits), @port.string /
; @port.settings (strings searched for URLs, host:port and key=value settings), @port.call /
; @port.name (context; names give the role under role "from-name"). Captures named with a
; leading underscore only serve predicates. Where two patterns find one literal, the first
; written wins, so specific contexts come before the catch-all string pattern at the end.

; ---------------------------------------------------------------------------------------
; Kestrel, listeners and endpoints.

; options.Listen(IPAddress.Any, 5000), options.ListenAnyIP(5001), options.ListenLocalhost(5002)
(invocation_expression
  function: (member_access_expression name: (identifier) @port.call)
  arguments: (argument_list . (argument (integer_literal) @port))
  (#any-of? @port.call "ListenAnyIP" "ListenLocalhost")
  (#set! role "listen"))
(invocation_expression
  function: (member_access_expression name: (identifier) @port.call)
  arguments: (argument_list . (argument) . (argument (integer_literal) @port))
  (#eq? @port.call "Listen")
  (#set! role "listen"))

; new TcpListener(IPAddress.Any, 8080), new TcpListener(8080), TcpListener.Create(8080)
(object_creation_expression
  type: (identifier) @port.call
  arguments: (argument_list (argument (integer_literal) @port) .)
  (#eq? @port.call "TcpListener")
  (#set! role "listen"))
(invocation_expression
  function: (member_access_expression
    expression: (identifier) @port.call
    name: (identifier) @_create)
  arguments: (argument_list . (argument (integer_literal) @port) .)
  (#eq? @port.call "TcpListener")
  (#eq? @_create "Create")
  (#set! role "listen"))

; new UdpClient(514) listens; new UdpClient("host", 514) sends to the host
(object_creation_expression
  type: (identifier) @port.call
  arguments: (argument_list . (argument (integer_literal) @port))
  (#eq? @port.call "UdpClient")
  (#set! role "listen")
  (#set! transport "udp"))
(object_creation_expression
  type: (identifier) @port.call
  arguments: (argument_list . (argument) . (argument (integer_literal) @port) .)
  (#eq? @port.call "UdpClient")
  (#set! role "connect")
  (#set! transport "udp"))

; new IPEndPoint(IPAddress.Any, 9000) is this machine's; new IPEndPoint(IPAddress.Parse(ip), 53)
; is another's
(object_creation_expression
  type: (identifier) @port.call
  arguments: (argument_list
    . (argument (member_access_expression expression: (identifier) @_ip name: (identifier) @_any))
    . (argument (integer_literal) @port) .)
  (#eq? @port.call "IPEndPoint")
  (#eq? @_ip "IPAddress")
  (#any-of? @_any "Any" "IPv6Any" "Loopback" "IPv6Loopback")
  (#set! role "listen"))
(object_creation_expression
  type: (identifier) @port.call
  arguments: (argument_list
    . (argument [(invocation_expression) (identifier) (member_access_expression) (string_literal)] @_host)
    . (argument (integer_literal) @port) .)
  (#eq? @port.call "IPEndPoint")
  (#match? @_host "[Bb]ind|BIND|[Ll]isten|LISTEN|[Ll]ocal|LOCAL|[Ll]oopback|[Aa]ny|ANY")
  (#not-match? @_host "^IPAddress\\.Parse")
  (#set! role "listen"))
(object_creation_expression
  type: (identifier) @port.call
  arguments: (argument_list
    . (argument [(invocation_expression) (identifier) (member_access_expression) (string_literal)] @_host)
    . (argument (integer_literal) @port) .)
  (#any-of? @port.call "IPEndPoint" "DnsEndPoint")
  (#not-match? @_host "^IPAddress\\.(Any|IPv6Any|Loopback|IPv6Loopback)$")
  (#set! role "connect"))

; Clients given a host and a port: new TcpClient("host", 80), client.ConnectAsync(host, 443),
; socket.Connect("10.0.0.1", 22), new SmtpClient("smtp.example.com", 587)
(object_creation_expression
  type: (identifier) @port.call
  arguments: (argument_list
    . (argument [(string_literal) (identifier) (member_access_expression)] @_host)
    . (argument (integer_literal) @port))
  (#any-of? @port.call "TcpClient" "SmtpClient" "DnsEndPoint" "MongoClient" "ImapClient" "Pop3Client")
  (#match? @_host "^\"|[Hh]ost|HOST|[Ss]erver|SERVER|[Aa]ddr|ADDR")
  (#set! role "connect"))
(invocation_expression
  function: (member_access_expression name: (identifier) @port.call)
  arguments: (argument_list
    . (argument [(string_literal) (identifier) (member_access_expression)] @_host)
    . (argument (integer_literal) @port))
  (#any-of? @port.call "Connect" "ConnectAsync" "BeginConnect")
  (#match? @_host "^\"|[Hh]ost|HOST|[Ss]erver|SERVER|[Aa]ddr|ADDR")
  (#not-match? @_host "^\"[^\"]*[ /=]")
  (#set! role "connect"))

; Methods named for an address, given a host and a port: MassTransit's cfg.Host("rabbitmq", 5672, "/", ...),
; AddServer("cache", 11211)
(invocation_expression
  function: (member_access_expression name: (identifier) @port.call)
  arguments: (argument_list
    . (argument [(string_literal) (identifier) (member_access_expression)] @_host)
    . (argument (integer_literal) @port))
  (#address-name? @port.call)
  (#not-port-name? @port.call)
  (#not-listen-name? @port.call)
  (#match? @_host "^\"|[Hh]ost|HOST|[Ss]erver|SERVER")
  (#not-match? @_host "^\"[^\"]*[ /=]")
  (#set! role "connect"))

; Redis: options.EndPoints.Add("cache", 6379), new ConfigurationOptions { EndPoints = { { "cache", 6379 } } }
(invocation_expression
  function: (member_access_expression
    expression: [(identifier) (member_access_expression name: (identifier))] @port.name
    name: (identifier) @port.call)
  arguments: (argument_list . (argument) . (argument (integer_literal) @port) .)
  (#match? @port.name "EndPoints$")
  (#eq? @port.call "Add")
  (#set! role "connect"))
(assignment_expression
  left: (identifier) @port.name
  right: (initializer_expression
    (initializer_expression (string_literal) . (integer_literal) @port))
  (#match? @port.name "^[Ee]nd[Pp]oints$")
  (#set! role "connect"))

; ---------------------------------------------------------------------------------------
; Names: constants, fields, properties, variables and assignments named for a port.

; Members: the class's name speaks too (class SmtpSettings { public int Port { get; set; } = 25; })
(class_declaration
  name: (identifier) @port.name
  body: (declaration_list
    [(property_declaration
       name: (identifier) @port.name @_field
       value: [(integer_literal) (string_literal)] @port)
     (field_declaration
       (variable_declaration
         (variable_declarator
           name: (identifier) @port.name @_field
           [(integer_literal) (string_literal)] @port)))])
  (#port-name? @_field)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; const int Port = 8080; private static readonly int DefaultPort = 5000; var port = 8080;
(variable_declarator
  name: (identifier) @port.name
  [(integer_literal) (string_literal)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; var port = args.Length > 0 ? int.Parse(args[0]) : 8080;
(variable_declarator
  name: (identifier) @port.name
  (conditional_expression alternative: [(integer_literal) (string_literal)] @port)
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(variable_declarator
  name: (identifier) @port.name
  (conditional_expression consequence: [(integer_literal) (string_literal)] @port)
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; public int Port { get; set; } = 8080;
(property_declaration
  name: (identifier) @port.name
  value: [(integer_literal) (string_literal)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; static readonly int[] Ports = { 80, 443 }; var ports = new[] { 80, 443 };
(variable_declarator
  name: (identifier) @port.name
  [(initializer_expression (integer_literal) @port)
   (array_creation_expression (initializer_expression (integer_literal) @port))
   (implicit_array_creation_expression (initializer_expression (integer_literal) @port))]
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; new SmtpClient { Port = 587 }: the object's type tells the side
(object_creation_expression
  type: (_) @port.name
  initializer: (initializer_expression
    (assignment_expression
      left: (identifier) @port.name @_key
      right: [(integer_literal) (string_literal)] @port))
  (#port-name? @_key)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; Port = 8080; options.Port = 443; this.port = 25;
(assignment_expression
  left: [(identifier) @port.name
         (member_access_expression name: (identifier) @port.name)]
  right: [(integer_literal) (string_literal)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(assignment_expression
  left: [(identifier) @port.name
         (member_access_expression name: (identifier) @port.name)]
  right: (conditional_expression alternative: [(integer_literal) (string_literal)] @port)
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; if (port == 443) ...; switch (port) { case 80: ... }; port switch { 80 => "http", ... }
(binary_expression
  left: [(identifier) @port.name (member_access_expression name: (identifier) @port.name)]
  operator: ["==" "!="]
  right: (integer_literal) @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(switch_statement
  value: [(identifier) @port.name (member_access_expression name: (identifier) @port.name)]
  body: (switch_body (switch_section (constant_pattern (integer_literal) @port)))
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(switch_expression
  [(identifier) @port.name (member_access_expression name: (identifier) @port.name)]
  (switch_expression_arm (constant_pattern (integer_literal) @port))
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; ---------------------------------------------------------------------------------------
; Configuration and environment with defaults.

; int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "8080"),
; _config["RabbitMq:Port"] ?? "5672", config.GetValue<int?>("Port") ?? 8080
(binary_expression
  left: [
    (invocation_expression arguments: (argument_list . (argument (string_literal (string_literal_content) @port.name))))
    (element_access_expression
      subscript: (bracketed_argument_list . (argument (string_literal (string_literal_content) @port.name))))]
  operator: "??"
  right: [(integer_literal) (string_literal)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; config.GetValue("Port", 8080), config.GetValue<int>("Redis:Port", 6379), dict.Add("port", 80)
(argument_list
  (argument (string_literal (string_literal_content) @port.name))
  .
  (argument [(integer_literal) (string_literal)] @port)
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#match? @port.name "^[A-Za-z0-9_.:-]+$")
  (#set! role "from-name"))
; new Option<int>("--port", () => 8080, "..."), new Option<int>("--port", getDefaultValue: () => 8080)
(argument_list
  (argument (string_literal (string_literal_content) @port.name))
  .
  (argument (lambda_expression body: [(integer_literal) (string_literal)] @port))
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; [Option('p', "port", Default = 8080)]
(attribute_argument_list
  (attribute_argument (string_literal (string_literal_content) @port.name))
  (attribute_argument
    (assignment_expression
      left: (identifier) @_default
      right: [(integer_literal) (string_literal)] @port))
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#eq? @_default "Default")
  (#set! role "from-name"))
; new Dictionary<string, int> { ["port"] = 80 }, { { "http_port", 80 } }; well-known service
; tables: { ["ssh"] = 22, ["https"] = 443 }
(initializer_expression
  (assignment_expression
    left: (element_binding_expression (argument (string_literal (string_literal_content) @port.name)))
    right: [(integer_literal) (string_literal)] @port)
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(initializer_expression
  (initializer_expression . (string_literal (string_literal_content) @port.name) . (integer_literal) @port .)
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(initializer_expression
  (assignment_expression
    left: (element_binding_expression (argument (string_literal (string_literal_content) @port.name)))
    right: (integer_literal) @port)
  (#any-of? @port.name "ftp" "ssh" "telnet" "smtp" "smtps" "submission" "dns" "http" "https" "pop3" "pop3s"
    "imap" "imaps" "ldap" "ldaps" "ntp" "snmp" "syslog" "rdp" "vnc" "mysql" "mssql" "postgres" "postgresql"
    "redis" "mongodb" "mongo" "memcached" "elasticsearch" "kafka" "zookeeper" "amqp" "rabbitmq" "mqtt"
    "cassandra" "consul" "etcd" "grpc" "sip" "statsd")
  (#set! role "connect"))
(initializer_expression
  (initializer_expression . (string_literal (string_literal_content) @port.name) . (integer_literal) @port .)
  (#any-of? @port.name "ftp" "ssh" "telnet" "smtp" "smtps" "submission" "dns" "http" "https" "pop3" "pop3s"
    "imap" "imaps" "ldap" "ldaps" "ntp" "snmp" "syslog" "rdp" "vnc" "mysql" "mssql" "postgres" "postgresql"
    "redis" "mongodb" "mongo" "memcached" "elasticsearch" "kafka" "zookeeper" "amqp" "rabbitmq" "mqtt"
    "cassandra" "consul" "etcd" "grpc" "sip" "statsd")
  (#set! role "connect"))

; Named arguments: new Server(port: 5000), Connect(host: "db", port: 5432)
(argument
  name: (identifier) @port.name
  [(integer_literal) (string_literal)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; Calls named for a port: SetPort(8080), WithPort(5432), container.GetMappedPublicPort(5432),
; WithPortBinding(8080, true)
(invocation_expression
  function: [(identifier) @port.name @_method
             (member_access_expression expression: (_) @port.name name: (identifier) @port.name @_method)
             (member_access_expression name: (generic_name (identifier) @port.name @_method))]
  arguments: (argument_list (argument [(integer_literal) (string_literal)] @port))
  (#port-name? @_method)
  (#set! role "from-name"))

; ---------------------------------------------------------------------------------------
; Strings.

; URLs a server listens on: builder.WebHost.UseUrls("http://*:5000"), app.Urls.Add("http://localhost:5000"),
; app.Run("http://0.0.0.0:8080")
(invocation_expression
  function: (member_access_expression name: (identifier) @port.call)
  arguments: (argument_list (argument [(string_literal) (verbatim_string_literal) (interpolated_string_expression)] @port.string))
  (#any-of? @port.call "UseUrls" "Run" "RunAsync" "Listen")
  (#set! mode "hosts")
  (#set! role "listen"))
(invocation_expression
  function: (member_access_expression
    expression: (member_access_expression name: (identifier) @_urls)
    name: (identifier) @port.call)
  arguments: (argument_list (argument [(string_literal) (verbatim_string_literal) (interpolated_string_expression)] @port.string))
  (#eq? @_urls "Urls")
  (#eq? @port.call "Add")
  (#set! mode "hosts")
  (#set! role "listen"))

; Strings a name or call vouches for as addresses: const string RedisEndpoint = "cache:6379";
; ConnectionMultiplexer.Connect("cache:6379,abortConnect=false")
(variable_declarator
  name: (identifier) @port.name
  [[(string_literal) (verbatim_string_literal) (interpolated_string_expression)] @port.string
   (binary_expression operator: "??"
     right: [(string_literal) (verbatim_string_literal) (interpolated_string_expression)] @port.string)]
  (#address-name? @port.name)
  (#not-port-name? @port.name)
  (#set! mode "any")
  (#set! role "from-name"))
(assignment_expression
  left: [(identifier) @port.name (member_access_expression name: (identifier) @port.name)]
  right: [[(string_literal) (verbatim_string_literal) (interpolated_string_expression)] @port.string
          (binary_expression operator: "??"
            right: [(string_literal) (verbatim_string_literal) (interpolated_string_expression)] @port.string)]
  (#address-name? @port.name)
  (#not-port-name? @port.name)
  (#set! mode "any")
  (#set! role "from-name"))
(invocation_expression
  function: (member_access_expression
    expression: (identifier) @port.call
    name: (identifier) @_connect)
  arguments: (argument_list
    . (argument [(string_literal) @port.string (binary_expression operator: "??" right: (string_literal) @port.string)]))
  (#eq? @port.call "ConnectionMultiplexer")
  (#any-of? @_connect "Connect" "ConnectAsync")
  (#set! mode "any")
  (#set! role "connect"))

; _config["Kafka:BootstrapServers"] ?? "kafka:9092", Environment.GetEnvironmentVariable("REDIS_ADDR") ?? "cache:6379"
(binary_expression
  left: [
    (invocation_expression arguments: (argument_list . (argument (string_literal (string_literal_content) @port.name))))
    (element_access_expression
      subscript: (bracketed_argument_list . (argument (string_literal (string_literal_content) @port.name))))]
  operator: "??"
  right: (string_literal) @port.string
  (#address-name? @port.name)
  (#not-port-name? @port.name)
  (#set! mode "any")
  (#set! role "from-name"))

; Every string: URLs ("http://pricing-api:8080/"), connection strings
; ("Host=db;Port=5432;...", "Server=tcp:sql.example.com,1433;...") and option strings.
([(string_literal) (verbatim_string_literal) (raw_string_literal) (interpolated_string_expression)] @port.settings
  (#set! mode "urls"))
