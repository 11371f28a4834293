;;; section: typescript
; constructor(private port = 8080), function serve(port: number = 3000, host?: string)
(required_parameter
  pattern: (identifier) @port.name
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

(optional_parameter
  pattern: (identifier) @port.name
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

; class Server { private port = 3000; static readonly DEFAULT_PORT: number = 8080 }
(public_field_definition
  name: (property_identifier) @port.name
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

; enum Defaults { Port = 8080 }
(enum_assignment
  name: (property_identifier) @port.name
  value: [(number) (string)] @port
  (#port-name? @port.name)
  (#set! role "from-name"))

; enum Ports { Http = 80, Https = 443 }
(enum_declaration
  name: (identifier) @port.name
  body: (_ (_ name: (_) value: [(number) (string)] @port))
  (#port-name? @port.name)
  (#set! role "from-name"))
