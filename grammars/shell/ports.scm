; Port literals in shell scripts (bash, sh, ksh, zsh). Commands are read by the command-line
; reader shared with Dockerfile RUN/CMD and systemd ExecStart= (@port.command, see
; linter/extract/shared/line_settings.h): server and client flags, netcat, socat, docker -p,
; ssh -L, kubectl port-forward, firewall rules, PORT=8080 assignments, ${PORT:-8080}
; defaults, URLs and known host:port. The patterns for what the reader does not see come
; first (the first pattern to find a literal wins).

; PORTS=(80 443)
(variable_assignment
  name: (variable_name) @port.name
  value: (array [(number) (word) (string) (raw_string)] @port)
  (#port-name? @port.name)
  (#set! role "from-name"))

; PG_PORT=$(( 25432 + OFFSET )), port=$((8000 + i)): a base port plus an offset (not the 1
; of NEXT_PORT=$((PORT + 1)))
(variable_assignment
  name: (variable_name) @port.name
  value: (arithmetic_expansion
    (binary_expression
      left: (number) @port
      operator: "+"
      right: (_) @offset))
  (#port-name? @port.name)
  (#not-port-name? @offset)
  (#set! role "from-name"))

; [ "$PORT" -eq 8080 ], [[ $DB_PORT == 5432 ]], (( port != 443 )): a port compared for
; equality (not the bound of [ "$PORT" -lt 1024 ])
((binary_expression
  left: [
    (variable_name) @port.name
    (simple_expansion (variable_name) @port.name)
    (expansion (variable_name) @port.name)
    (string (simple_expansion (variable_name) @port.name))
    (string (expansion (variable_name) @port.name))
  ]
  right: [(number) (word) (string) (raw_string)] @port) @comparison
  (#port-name? @port.name)
  (#match? @comparison "^\\S+\\s+(-eq|-ne|==|!=|=)\\s")
  (#set! role "from-name"))

; nc -l 8080, docker run -p 8080:80 nginx, PORT=3000 node server.js, curl http://localhost:8080/
(command) @port.command

; export PORT=8080, local port="${1:-8080}", readonly DB_PORT=5432
(declaration_command) @port.command

; PORT=8080, DATABASE_URL=postgres://db:5432/app, BIND=0.0.0.0:8000
(variable_assignment) @port.command

; A here-document fed to a program is more command lines (ssh host <<EOF ... EOF), or text
; whose URLs and known host:port are read like theirs.
(heredoc_body) @port.command
