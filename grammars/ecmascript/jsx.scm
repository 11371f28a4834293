;;; section: jsx
; <DevServer port={3000} />, <Input port="8080" />
(jsx_attribute
  (property_identifier) @port.name
  .
  [
    (string) @port
    (_ . "{" . [
      (number) @port
      (string) @port
      (_ operator: ["||" "??"] right: [(number) (string)] @port)
      (_ condition: (_) consequence: [(number) (string)] @port)
      (_ condition: (_) alternative: [(number) (string)] @port)
      (_ function: (_) arguments: (_ . (_ operator: ["||" "??"] right: [(number) (string)] @port)))
      (_ . [(number) (string)] @port . "as")
    ] . "}")
  ]
  (#port-name? @port.name)
  (#set! role "from-name"))

; <Proxy target="localhost:8080" />
(jsx_attribute
  (property_identifier) @port.name
  .
  [
    (string) @port.string
    (_ . "{" . [
      (string) @port.string
      (template_string) @port.string
      (_ . "[" [(string) (template_string)] @port.string)
      (_ operator: ["||" "??"] right: [(string) (template_string)] @port.string)
    ] . "}")
  ]
  (#address-name? @port.name)
  (#set! mode "any")
  (#set! role "from-address"))
