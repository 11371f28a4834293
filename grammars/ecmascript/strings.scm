;;; section: strings
; Any other string or template literal: only URLs ("http://localhost:3000/api",
; `ws://${host}:8080/ws`, "postgres://app@db:5432/shop"). JSX text is prose and is not read.
(
  [(string) (template_string)] @port.string
  (#set! mode "urls"))
