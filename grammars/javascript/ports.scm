; Port literals in JavaScript and JSX. Captures: @port (a number, or a string of digits), @port.string
; (a string searched for URLs and host:port), @port.call / @port.name / @port.scope (context;
; the names give the role), @socket.udp / @port.receiver (a port passed to a datagram socket
; is UDP). A number is a port by its context only: the call it is passed to, the name it is
; given, the name it falls back for, the name it is compared with.
;
; The sections the JavaScript, TypeScript and TSX queries share are kept once, in
; grammars/ecmascript/, and included where "; include: FILE" stands (the build expands it).

; include: ecmascript/core.scm

;;; section: javascript
; class Server { port = 3000; static DEFAULT_PORT = 8080 }
(field_definition
  property: (property_identifier) @port.name
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

; include: ecmascript/jsx.scm

; include: ecmascript/strings.scm
