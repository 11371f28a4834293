;;; section: core
; When two patterns find one literal the first one wins: specific patterns come first.
;
; Below its root, a pattern names inner nodes by their fields, as wildcards: `(_ object: (_)
; property: (property_identifier))` is a member access, `(_ operator: "||" right: (number))`
; a fallback. The tree-sitter runtime analyses every named inner node of a pattern against
; the whole parse table when the query compiles, which the TypeScript grammars make cost
; seconds; wildcards skip that, and the fields keep the shapes exact. Roots stay named:
; they decide where matching starts, which keeps scanning fast.

; --- UDP sockets: the code says which transport -------------------------------------------
; A variable holding a datagram socket is captured as @socket.udp; a port passed to a method
; of that variable (its @port.receiver) anywhere in the file is UDP.

; const sock = dgram.createSocket("udp4"), sock = dgram.createSocket({ type: "udp6" })
(variable_declarator
  name: (identifier) @socket.udp
  value: (_
    function: (_ object: (_) property: (property_identifier) @create)
    arguments: (_ . (_) @kind))
  (#eq? @create "createSocket")
  (#match? @kind "udp[46]"))

; this.socket = dgram.createSocket("udp4")
(assignment_expression
  left: (_) @socket.udp
  right: (_
    function: (_ object: (_) property: (property_identifier) @create)
    arguments: (_ . (_) @kind))
  (#eq? @create "createSocket")
  (#match? @kind "udp[46]"))

; dgram.createSocket("udp4").bind(41234)
(call_expression
  function: (_
    object: (_
      function: (_ object: (_) property: (property_identifier) @create)
      arguments: (_ . (_) @kind))
    property: (property_identifier) @port.call)
  arguments: (_ . [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ])
  (#eq? @create "createSocket")
  (#match? @kind "udp[46]")
  (#eq? @port.call "bind")
  (#set! role "listen")
  (#set! transport "udp"))

; --- Clients: the program connects ------------------------------------------------------

; net.connect(6379, "cache"), net.createConnection(5432, "db"), tls.connect(443, host)
(call_expression
  function: [(identifier) @port.call (_ object: (_) @port.receiver property: (property_identifier) @port.call)]
  arguments: (_ . [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ])
  (#any-of? @port.call "connect" "createConnection")
  (#set! role "connect"))

; new Redis(6379, "cache")
(new_expression
  constructor: [(identifier) @port.call (_ object: (_) @port.receiver property: (property_identifier) @port.call)]
  arguments: (_ . [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ])
  (#match? @port.call "^(Redis|IORedis)$")
  (#set! role "connect"))

; socket.send(msg, 41234, "10.0.0.7"): a datagram to a host
(call_expression
  function: (_ object: (_) @port.receiver property: (property_identifier) @port.call)
  arguments: [
    (_ . (_) . [(number) (string)] @port . [
      (string) @host
      (identifier) @host.name
      (_ object: (_) property: (property_identifier) @host.name)
    ])
    (_ . (_) . (_) . (_) . [(number) (string)] @port . [
      (string) @host
      (identifier) @host.name
      (_ object: (_) property: (property_identifier) @host.name)
    ])
  ]
  (#eq? @port.call "send")
  (#match? @host "^['\"`][A-Za-z0-9][-A-Za-z0-9_.:]*['\"`]$")
  (#address-name? @host.name)
  (#set! role "connect"))

; net.connect({ port: 6379 }), http.request({ host, port: 8080 }), mysql.createPool({ port: 3306 }),
; nodemailer.createTransport({ port: 587 }), and one level down:
; redis.createClient({ socket: { host, port: 6379 } })
(call_expression
  function: [(identifier) @port.call (_ object: (_) @port.receiver property: (property_identifier) @port.call)]
  arguments: (_
    [
      (_ (_ key: [(property_identifier) (string)] @port.name value: [
        (number) @port
        (string) @port
        (_ operator: ["||" "??"] right: [(number) (string)] @port)
        (_ condition: (_) consequence: [(number) (string)] @port)
        (_ condition: (_) alternative: [(number) (string)] @port)
        (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
        (_ . [(number) (string)] @port . "as")
      ]))
      (_ (_ value: (_ (_ key: [(property_identifier) (string)] @port.name value: [
        (number) @port
        (string) @port
        (_ operator: ["||" "??"] right: [(number) (string)] @port)
        (_ condition: (_) consequence: [(number) (string)] @port)
        (_ condition: (_) alternative: [(number) (string)] @port)
        (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
        (_ . [(number) (string)] @port . "as")
      ]))))
    ])
  (#match? @port.call "^(connect|createConnection|createClient|createPool|createPoolCluster|createTransport|request|get)$")
  (#port-name? @port.name)
  (#set! role "connect"))

; new Pool({ port: 5432 }), new Client({ port }), new Sequelize(db, user, pw, { port: 3306 }),
; new Redis.Cluster([{ host, port: 7000 }])
(new_expression
  constructor: [(identifier) @port.call (_ object: (_) @port.receiver property: (property_identifier) @port.call)]
  arguments: (_
    [
      (_ (_ key: [(property_identifier) (string)] @port.name value: [
        (number) @port
        (string) @port
        (_ operator: ["||" "??"] right: [(number) (string)] @port)
        (_ condition: (_) consequence: [(number) (string)] @port)
        (_ condition: (_) alternative: [(number) (string)] @port)
        (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
        (_ . [(number) (string)] @port . "as")
      ]))
      (_ (_ value: (_ (_ key: [(property_identifier) (string)] @port.name value: [
        (number) @port
        (string) @port
        (_ operator: ["||" "??"] right: [(number) (string)] @port)
        (_ condition: (_) consequence: [(number) (string)] @port)
        (_ condition: (_) alternative: [(number) (string)] @port)
        (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
        (_ . [(number) (string)] @port . "as")
      ]))))
      (_ . "[" (_ (_ key: [(property_identifier) (string)] @port.name value: [
        (number) @port
        (string) @port
        (_ operator: ["||" "??"] right: [(number) (string)] @port)
        (_ condition: (_) consequence: [(number) (string)] @port)
        (_ condition: (_) alternative: [(number) (string)] @port)
        (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
        (_ . [(number) (string)] @port . "as")
      ])))
    ])
  (#match? @port.call "(Pool|Client|Redis|Cluster|Sequelize|Memcached|Connection|DataSource)$")
  (#port-name? @port.name)
  (#set! role "connect"))

; new UsersClient("users:50051", credentials), new Memcached("cache:11211")
(new_expression
  constructor: [(identifier) @port.call (_ object: (_) @port.receiver property: (property_identifier) @port.call)]
  arguments: (_ . [(string) (template_string)] @port.string)
  (#match? @port.call "(Pool|Client|Redis|Cluster|Sequelize|Memcached|Connection|DataSource)$")
  (#set! mode "any")
  (#set! role "connect"))

; --- Servers: the program listens -------------------------------------------------------

; app.listen(3000), server.listen(8080, "0.0.0.0"), http.createServer(app).listen(process.env.PORT || 3000),
; socket.bind(41234)
(call_expression
  function: (_ object: (_) @port.receiver property: (property_identifier) @port.call)
  arguments: (_ . [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ])
  (#any-of? @port.call "listen" "bind")
  (#set! role "listen"))

; server.listen({ port: 3000, host: "0.0.0.0" }), socket.bind({ port: 41234, exclusive: true })
(call_expression
  function: (_ object: (_) @port.receiver property: (property_identifier) @port.call)
  arguments: (_ . (_ (_ key: [(property_identifier) (string)] @port.name value: [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ])))
  (#any-of? @port.call "listen" "bind")
  (#port-name? @port.name)
  (#set! role "listen"))

; new Server(3000) (socket.io), new io.Server(3000, { cors })
(new_expression
  constructor: [(identifier) @port.call (_ object: (_) @port.receiver property: (property_identifier) @port.call)]
  arguments: (_ . [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ])
  (#match? @port.call "Server$")
  (#set! role "listen"))

; --- Credentials beside a port: something the program logs in to -----------------------

; { host: "bastion", port: 22, username, privateKey }, { host, port: 5432, user, password }
(
  (object (_ key: [(property_identifier) (string)] @port.name value: [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ])) @object
  (#port-name? @port.name)
  (#match? @object "[{,]\\s*['\"]?(user|username|password|passwd|privateKey|database|dbname|credentials)['\"]?\\s*[:,}]")
  (#set! role "connect"))

; --- Port keys inside named sections: { database: { port: 5432 } } --------------------------
; The names around the key (@port.scope) give the role: connect for a database, cache,
; broker, upstream or proxy; listen for a server.

; knex({ client: "pg", connection: { host, port: 5432 } })
(pair
  key: (property_identifier) @port.scope
  value: (_ (_ key: [(property_identifier) (string)] @port.name value: [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ]))
  (#match? @port.scope "^[Cc]onnection(s|Options|Config)?$")
  (#port-name? @port.name)
  (#set! role "connect"))

; { services: { redis: { port: 6379 } } }
(pair
  key: [(property_identifier) (string)] @port.scope
  value: (_
    (_
      key: [(property_identifier) (string)] @port.scope
      value: (_ (_ key: [(property_identifier) (string)] @port.name value: [
        (number) @port
        (string) @port
        (_ operator: ["||" "??"] right: [(number) (string)] @port)
        (_ condition: (_) consequence: [(number) (string)] @port)
        (_ condition: (_) alternative: [(number) (string)] @port)
        (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
        (_ . [(number) (string)] @port . "as")
      ]))))
  (#port-name? @port.name)
  (#set! role "from-name"))

; const config = { db: { port: 5432 } }
(variable_declarator
  name: (identifier) @port.scope
  value: (_
    (_
      key: [(property_identifier) (string)] @port.scope
      value: (_ (_ key: [(property_identifier) (string)] @port.name value: [
        (number) @port
        (string) @port
        (_ operator: ["||" "??"] right: [(number) (string)] @port)
        (_ condition: (_) consequence: [(number) (string)] @port)
        (_ condition: (_) alternative: [(number) (string)] @port)
        (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
        (_ . [(number) (string)] @port . "as")
      ]))))
  (#port-name? @port.name)
  (#set! role "from-name"))

; { server: { port: 3000 } }, devServer: { port: 8080 }, redis: { port: 6379 }
(pair
  key: [(property_identifier) (string)] @port.scope
  value: (_ (_ key: [(property_identifier) (string)] @port.name value: [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ]))
  (#port-name? @port.name)
  (#set! role "from-name"))

; const dbConfig = { host, port: 5432 }
(variable_declarator
  name: (identifier) @port.scope
  value: (_ (_ key: [(property_identifier) (string)] @port.name value: [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ]))
  (#port-name? @port.name)
  (#set! role "from-name"))

; config.redis = { host, port: 6379 }
(assignment_expression
  left: [(identifier) @port.scope (_ object: (_) property: (property_identifier) @port.scope)]
  right: (_ (_ key: [(property_identifier) (string)] @port.name value: [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ]))
  (#port-name? @port.name)
  (#set! role "from-name"))

; --- Fallbacks: process.env.PORT || 3000 ------------------------------------------------

; process.env.PORT || 3000, Number(process.env.PORT) || 3000, parseInt(process.env.PORT, 10) || 3000,
; +process.env.PORT || 3000, process.env.PORT ?? "3000", opts.port || 8080, env.get("PORT") ?? 8000,
; url.port || (secure ? 443 : 80)
(binary_expression
  left: [
    (identifier) @port.name
    (_ object: (_) property: (property_identifier) @port.name)
    (_ object: (_) index: (string) @port.name)
    (_
      function: (_)
      arguments: (_
        .
        [
          (identifier) @port.name
          (_ object: (_) property: (property_identifier) @port.name)
          (_ object: (_) index: (string) @port.name)
          (string) @port.name
        ]))
    (_
      operator: "+"
      argument: [
        (identifier) @port.name
        (_ object: (_) property: (property_identifier) @port.name)
        (_ object: (_) index: (string) @port.name)
      ])
  ]
  operator: ["||" "??"]
  right: [
    (number) @port
    (string) @port
    (_ (_ condition: (_) consequence: [(number) (string)] @port))
    (_ (_ condition: (_) alternative: [(number) (string)] @port))
  ]
  (#port-name? @port.name)
  (#set! role "from-name"))

; process.env.PORT ? Number(process.env.PORT) : 3000
(ternary_expression
  condition: [
    (identifier) @port.name
    (_ object: (_) property: (property_identifier) @port.name)
    (_ object: (_) index: (string) @port.name)
    (_
      function: (_)
      arguments: (_
        .
        [
          (identifier) @port.name
          (_ object: (_) property: (property_identifier) @port.name)
          (_ object: (_) index: (string) @port.name)
          (string) @port.name
        ]))
    (_
      operator: "+"
      argument: [
        (identifier) @port.name
        (_ object: (_) property: (property_identifier) @port.name)
        (_ object: (_) index: (string) @port.name)
      ])
  ]
  alternative: [(number) (string)] @port
  (#port-name? @port.name)
  (#set! role "from-name"))

; --- Names: const PORT = 3000, { port: 3000 }, this.port = 3000 ---------------------------

; const PORT = 3000, let port = prod ? 80 : 8080, const DB_PORT = process.env.X || 5432
(variable_declarator
  name: (identifier) @port.name
  value: [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ]
  (#port-name? @port.name)
  (#set! role "from-name"))

; { port: 3000 }, { "port": "8080" }, { httpPort: opts.http || 8080 }
(pair
  key: [(property_identifier) (string)] @port.name
  value: [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ]
  (#port-name? @port.name)
  (#set! role "from-name"))

; this.port = 3000, cfg.server.port = 80, process.env.PORT = "3000", port = 8080
(assignment_expression
  left: [
    (identifier) @port.name
    (_ object: (_) property: (property_identifier) @port.name)
    (_ object: (_) index: (string) @port.name)
  ]
  right: [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ]
  (#port-name? @port.name)
  (#set! role "from-name"))

; function serve(port = 3000) (JavaScript), const [port = 8080] = args
(assignment_pattern
  left: (identifier) @port.name
  right: [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ]
  (#port-name? @port.name)
  (#set! role "from-name"))

; ({ port = 3000 }) => ..., const { PORT = 3000 } = process.env
(object_assignment_pattern
  left: (shorthand_property_identifier_pattern) @port.name
  right: [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ]
  (#port-name? @port.name)
  (#set! role "from-name"))

; const { port: p = 8080 } = options
(pair_pattern
  key: (property_identifier) @port.name
  value: (_ left: (_) right: [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ])
  (#port-name? @port.name)
  (#set! role "from-name"))

; const PORTS = [3000, 3001], ports: ["80", "443"], this.ports = [80, 443]
(variable_declarator
  name: (identifier) @port.name
  value: (_ . "[" [(number) (string)] @port)
  (#port-name? @port.name)
  (#set! role "from-name"))

(pair
  key: [(property_identifier) (string)] @port.name
  value: (_ . "[" [(number) (string)] @port)
  (#port-name? @port.name)
  (#set! role "from-name"))

(assignment_expression
  left: [
    (identifier) @port.name
    (_ object: (_) property: (property_identifier) @port.name)
    (_ object: (_) index: (string) @port.name)
  ]
  right: (_ . "[" [(number) (string)] @port)
  (#port-name? @port.name)
  (#set! role "from-name"))

; const DEFAULT_PORTS = { http: 80, https: 443 }: every value of a map named for ports
(variable_declarator
  name: (identifier) @port.name
  value: (_ (_ key: (_) value: [(number) (string)] @port))
  (#match? @port.name "[Pp][Oo][Rr][Tt][Ss]$")
  (#set! role "from-name"))

(pair
  key: [(property_identifier) (string)] @port.name
  value: (_ (_ key: (_) value: [(number) (string)] @port))
  (#match? @port.name "[Pp][Oo][Rr][Tt][Ss]['\"]?$")
  (#set! role "from-name"))

; --- Options and settings named by a string ---------------------------------------------

; app.set("port", 3000), config.get("server.port", 8080), headers.set("x-forwarded-port", "443"),
; program.option("-p, --port <number>", "port to listen on", "3000")
(call_expression
  function: (_)
  arguments: (_ . (string) @port.name [(number) (string)] @port)
  (#port-name? @port.name)
  (#match? @port.name "^.(-[A-Za-z0-9], *)?-{0,2}[A-Za-z_][-A-Za-z0-9_.]*( +[<\\[][^<>\\[\\]]*[>\\]])?.$")
  (#set! role "from-name"))

; yargs: .option("port", { alias: "p", default: 3000 }), .option("listen", { default: 6432 })
(call_expression
  function: (_)
  arguments: (_
    .
    (string) @port.name
    .
    (_ (_ key: (property_identifier) @default value: [
      (number) @port
      (string) @port
      (_ operator: ["||" "??"] right: [(number) (string)] @port)
      (_ condition: (_) consequence: [(number) (string)] @port)
      (_ condition: (_) alternative: [(number) (string)] @port)
      (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
      (_ . [(number) (string)] @port . "as")
    ])))
  (#eq? @default "default")
  (#port-name? @port.name)
  (#set! role "from-name"))

(call_expression
  function: (_)
  arguments: (_
    .
    (string) @port.name
    .
    (_ (_ key: (property_identifier) @default value: [
      (number) @port
      (string) @port
      (_ operator: ["||" "??"] right: [(number) (string)] @port)
      (_ condition: (_) consequence: [(number) (string)] @port)
      (_ condition: (_) alternative: [(number) (string)] @port)
      (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
      (_ . [(number) (string)] @port . "as")
    ])))
  (#eq? @default "default")
  (#listen-name? @port.name)
  (#set! role "listen"))

; yargs: .option("backend", { default: ["db1:5432", "db2:5432"] })
(call_expression
  function: (_)
  arguments: (_
    .
    (string) @port.name
    .
    (_ (_ key: (property_identifier) @default value: [
      (string) @port.string
      (template_string) @port.string
      (_ . "[" [(string) (template_string)] @port.string)
      (_ operator: ["||" "??"] right: [(string) (template_string)] @port.string)
    ])))
  (#eq? @default "default")
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-address"))

; meow / convict: flags: { port: { type: "number", default: 3000 } }
(pair
  key: [(property_identifier) (string)] @port.name
  value: (_ (_ key: (property_identifier) @default value: [
    (number) @port
    (string) @port
    (_ operator: ["||" "??"] right: [(number) (string)] @port)
    (_ condition: (_) consequence: [(number) (string)] @port)
    (_ condition: (_) alternative: [(number) (string)] @port)
    (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
    (_ . [(number) (string)] @port . "as")
  ]))
  (#any-of? @default "default" "defaultValue")
  (#port-name? @port.name)
  (#set! role "from-name"))

; zod / joi: PORT: z.coerce.number().default(3000), port: Joi.number().port().default(8080);
; envalid: PORT: port({ default: 3000 })
(pair
  key: [(property_identifier) (string)] @port.name
  value: (_
    function: (_ object: (_) property: (property_identifier) @default)
    arguments: (_ . [
      (number) @port
      (string) @port
      (_ operator: ["||" "??"] right: [(number) (string)] @port)
      (_ condition: (_) consequence: [(number) (string)] @port)
      (_ condition: (_) alternative: [(number) (string)] @port)
      (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
      (_ . [(number) (string)] @port . "as")
    ]))
  (#eq? @default "default")
  (#port-name? @port.name)
  (#set! role "from-name"))

(pair
  key: [(property_identifier) (string)] @port.name
  value: (_
    function: (_)
    arguments: (_ . (_ (_ key: (property_identifier) @default value: [
      (number) @port
      (string) @port
      (_ operator: ["||" "??"] right: [(number) (string)] @port)
      (_ condition: (_) consequence: [(number) (string)] @port)
      (_ condition: (_) alternative: [(number) (string)] @port)
      (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
      (_ . [(number) (string)] @port . "as")
    ]))))
  (#any-of? @default "default" "devDefault")
  (#port-name? @port.name)
  (#set! role "from-name"))

; commander: new Option("-p, --port <number>").default(3000)
(call_expression
  function: (_
    object: (_ constructor: (_) arguments: (_ . (string) @port.name))
    property: (property_identifier) @default)
  arguments: (_ . [(number) (string)] @port)
  (#eq? @default "default")
  (#port-name? @port.name)
  (#set! role "from-name"))

; --- Comparisons: if (port === 443), switch (port) { case 80: } ---------------------------

(binary_expression
  left: [
    (identifier) @port.name
    (_ object: (_) property: (property_identifier) @port.name)
    (_ object: (_) index: (string) @port.name)
  ]
  operator: ["===" "==" "!==" "!="]
  right: [(number) (string)] @port
  (#port-name? @port.name)
  (#set! role "from-name"))

(binary_expression
  left: [(number) (string)] @port
  operator: ["===" "==" "!==" "!="]
  right: [
    (identifier) @port.name
    (_ object: (_) property: (property_identifier) @port.name)
    (_ object: (_) index: (string) @port.name)
  ]
  (#port-name? @port.name)
  (#set! role "from-name"))

(switch_statement
  value: (_ [
    (identifier) @port.name
    (_ object: (_) property: (property_identifier) @port.name)
    (_ object: (_) index: (string) @port.name)
  ])
  body: (_ (_ value: [(number) (string)] @port))
  (#port-name? @port.name)
  (#set! role "from-name"))

; expect(server.port).toBe(3000), assert.equal(config.port, 8080)
(call_expression
  function: (_
    object: (_ function: (identifier) @expect arguments: (_ . [
      (identifier) @port.name
      (_ object: (_) property: (property_identifier) @port.name)
      (_ object: (_) index: (string) @port.name)
    ]))
    property: (property_identifier) @matcher)
  arguments: (_ . [(number) (string)] @port)
  (#eq? @expect "expect")
  (#any-of? @matcher "toBe" "toEqual" "toStrictEqual")
  (#port-name? @port.name)
  (#set! role "from-name"))

(call_expression
  function: (_ object: (identifier) @assert property: (property_identifier) @matcher)
  arguments: (_ . [
    (identifier) @port.name
    (_ object: (_) property: (property_identifier) @port.name)
    (_ object: (_) index: (string) @port.name)
  ] . [(number) (string)] @port)
  (#eq? @assert "assert")
  (#any-of? @matcher "equal" "strictEqual" "deepEqual" "deepStrictEqual")
  (#port-name? @port.name)
  (#set! role "from-name"))

; --- Addresses: a name that says it holds one vouches for bare host:port ------------------
; const REDIS_ADDR = "cache:6379", { brokers: ["kafka-1:9092"] }, target: "localhost:8080",
; LISTEN_ADDR = ":8080"; a wildcard host or a listen name makes a listener.

(variable_declarator
  name: (identifier) @port.name
  value: [
    (string) @port.string
    (template_string) @port.string
    (_ . "[" [(string) (template_string)] @port.string)
    (_ operator: ["||" "??"] right: [(string) (template_string)] @port.string)
  ]
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-address"))

(pair
  key: [(property_identifier) (string)] @port.name
  value: [
    (string) @port.string
    (template_string) @port.string
    (_ . "[" [(string) (template_string)] @port.string)
    (_ operator: ["||" "??"] right: [(string) (template_string)] @port.string)
  ]
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-address"))

(assignment_expression
  left: [
    (identifier) @port.name
    (_ object: (_) property: (property_identifier) @port.name)
    (_ object: (_) index: (string) @port.name)
  ]
  right: [
    (string) @port.string
    (template_string) @port.string
    (_ . "[" [(string) (template_string)] @port.string)
    (_ operator: ["||" "??"] right: [(string) (template_string)] @port.string)
  ]
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-address"))

; process.env.CONSUL_ADDR ?? "127.0.0.1:8500"
(binary_expression
  left: [
    (identifier) @port.name
    (_ object: (_) property: (property_identifier) @port.name)
    (_ object: (_) index: (string) @port.name)
    (_
      function: (_)
      arguments: (_
        .
        [
          (identifier) @port.name
          (_ object: (_) property: (property_identifier) @port.name)
          (_ object: (_) index: (string) @port.name)
          (string) @port.name
        ]))
    (_
      operator: "+"
      argument: [
        (identifier) @port.name
        (_ object: (_) property: (property_identifier) @port.name)
        (_ object: (_) index: (string) @port.name)
      ])
  ]
  operator: ["||" "??"]
  right: [(string) (template_string)] @port.string
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-address"))
