; Port literals in TypeScript. Captures: @port (a number, or a string of digits), @port.string
; (a string searched for URLs and host:port), @port.call / @port.name / @port.scope (context;
; the names give the role), @socket.udp / @port.receiver (a port passed to a datagram socket
; is UDP). A number is a port by its context only: the call it is passed to, the name it is
; given, the name it falls back for, the name it is compared with.
;
; The sections the JavaScript, TypeScript and TSX queries share are kept once, in
; grammars/ecmascript/, and included where "; include: FILE" stands (the build expands it).

; include: ecmascript/core.scm

; include: ecmascript/typescript.scm

; include: ecmascript/strings.scm
