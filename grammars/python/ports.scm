; Port literals in Python. Captures: @port (a number, or a string of digits),
; @port.string (a string searched for URLs and host:port), @port.call / @port.name (context).

; app.run(port=5000), uvicorn.run(app, port=8000), serve(http_port=8080)
(keyword_argument
  name: (identifier) @port.name
  value: [(integer) (string)] @port
  (#port-name? @port.name)
  (#set! role "from-name"))
