; Port literals in PHP. Captures: @port (a number, or a string of digits), @port.string /
; @port.settings (strings searched for URLs, host:port and key=value settings), @port.call /
; @port.name (context; names give the role under role "from-name"). Captures named with a
; leading underscore only serve predicates. Where two patterns find one literal, the first
; written wins, so specific contexts come before the catch-alls at the end.

; ---------------------------------------------------------------------------------------
; Environment and settings lookups with a default.

; getenv('PORT') ?: 8080, $_ENV['PING_PORT'] ?? 7070, $cfg['port'] ?? 3306, env('DB_PORT') ?? 3306
(conditional_expression
  condition: [
    (function_call_expression
      arguments: (arguments . (argument [(string (string_content) @port.name) (encapsed_string (string_content) @port.name)])))
    (subscript_expression [(string (string_content) @port.name) (encapsed_string (string_content) @port.name)])]
  !body
  alternative: [(integer) (string) (encapsed_string)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(binary_expression
  left: [
    (function_call_expression
      arguments: (arguments . (argument [(string (string_content) @port.name) (encapsed_string (string_content) @port.name)])))
    (subscript_expression [(string (string_content) @port.name) (encapsed_string (string_content) @port.name)])]
  operator: "??"
  right: [(integer) (string) (encapsed_string)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; Key and value side by side: define('PORT', 8080), env('DB_PORT', '3306'),
; $config->get('redis.port', 6379), ini_get_default('port', 80)
(arguments
  (argument [(string (string_content) @port.name) (encapsed_string (string_content) @port.name)])
  .
  (argument [(integer) (string) (encapsed_string)] @port)
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#match? @port.name "^[A-Za-z0-9_.:-]+$")
  (#set! role "from-name"))

; ---------------------------------------------------------------------------------------
; Sockets, servers and clients.

; socket_bind($sock, '0.0.0.0', 8080), socket_connect($sock, 'api.internal', 8080)
(function_call_expression
  function: (name) @port.call
  arguments: (arguments . (argument) . (argument) . (argument (integer) @port))
  (#eq? @port.call "socket_bind")
  (#set! role "listen"))
(function_call_expression
  function: (name) @port.call
  arguments: (arguments . (argument) . (argument) . (argument (integer) @port))
  (#eq? @port.call "socket_connect")
  (#set! role "connect"))
; socket_sendto($sock, $msg, $len, 0, '10.0.0.5', 8600)
(function_call_expression
  function: (name) @port.call
  arguments: (arguments . (argument) . (argument) . (argument) . (argument) . (argument) . (argument (integer) @port))
  (#eq? @port.call "socket_sendto")
  (#set! role "connect")
  (#set! transport "udp"))
; fsockopen('host', 80), pfsockopen(...), ftp_connect('ftp.example.com', 21), ssh2_connect('host', 22)
(function_call_expression
  function: (name) @port.call
  arguments: (arguments . (argument) . (argument (integer) @port))
  (#any-of? @port.call "fsockopen" "pfsockopen" "ftp_connect" "ftp_ssl_connect" "ssh2_connect" "ldap_connect"
    "imap_open" "memcache_connect")
  (#set! role "connect"))
; mysqli_connect($host, $user, $pass, $db, 3306), new mysqli('db', 'u', 'p', 'app', 3306)
(function_call_expression
  function: (name) @port.call
  arguments: (arguments . (argument) . (argument) . (argument) . (argument) . (argument (integer) @port))
  (#any-of? @port.call "mysqli_connect" "mysqli_real_connect")
  (#set! role "connect"))
(object_creation_expression
  (name) @port.call
  (arguments . (argument) . (argument) . (argument) . (argument) . (argument (integer) @port))
  (#eq? @port.call "mysqli")
  (#set! role "connect"))
; $redis->connect('127.0.0.1', 6379), $redis->pconnect(getenv('REDIS_HOST') ?: 'redis', 6379),
; $memcached->addServer('cache', 11211), $client->connect($host, 9000)
(member_call_expression
  name: (name) @port.call
  arguments: (arguments . (argument) . (argument (integer) @port))
  (#any-of? @port.call "connect" "pconnect" "addServer" "setServer")
  (#set! role "connect"))
; Clients given a host and a port: new Swoole\Coroutine\Http\Client('catalog.internal', 8080),
; new Predis\Connection\StreamConnection(...), new Memcache\Client('cache', 11211)
(object_creation_expression
  [(name) (qualified_name)] @port.call
  (arguments
    . (argument [(string) (encapsed_string) (variable_name) (member_access_expression)] @_host)
    . (argument (integer) @port))
  (#match? @port.call "(Client|Socket|Connection)$")
  (#match? @_host "^[\"']|[Hh][Oo][Ss][Tt]|HOST|[Ss][Ee][Rr][Vv][Ee][Rr]")
  (#not-match? @_host "^[\"'][^\"']*[ /=]")
  (#set! role "connect"))
; Swoole/OpenSwoole: new Swoole\Http\Server('0.0.0.0', 9501), $server->listen('0.0.0.0', 9502, SWOOLE_SOCK_TCP)
(object_creation_expression
  [(name) (qualified_name)] @port.call
  (arguments . (argument) . (argument (integer) @port))
  (#match? @port.call "(^|\\\\)(Server|WebSocket\\\\Server|Http\\\\Server)$")
  (#set! role "listen"))
(member_call_expression
  name: (name) @port.call
  arguments: (arguments . (argument) . (argument (integer) @port))
  (#any-of? @port.call "listen" "addListener" "bind")
  (#set! role "listen"))

; Addresses: stream_socket_server('tcp://0.0.0.0:8000'), new React\Socket\SocketServer('127.0.0.1:8080'),
; Workerman's new Worker('websocket://0.0.0.0:2346'); stream_socket_client('tcp://host:80')
(function_call_expression
  function: (name) @port.call
  arguments: (arguments . (argument [(string) (encapsed_string)] @port.string))
  (#eq? @port.call "stream_socket_server")
  (#set! mode "hosts")
  (#set! role "listen"))
(object_creation_expression
  [(name) (qualified_name)] @port.call
  (arguments . (argument [(string) (encapsed_string)] @port.string))
  (#match? @port.call "(^|\\\\)(SocketServer|TcpServer|Worker|Server)$")
  (#set! mode "hosts")
  (#set! role "listen"))
(function_call_expression
  function: (name) @port.call
  arguments: (arguments . (argument [(string) (encapsed_string)] @port.string))
  (#any-of? @port.call "stream_socket_client" "fsockopen" "pfsockopen")
  (#set! mode "any")
  (#set! role "connect"))

; Symfony Console: ->addOption('statsd-port', null, InputOption::VALUE_REQUIRED, 'UDP port', '8125')
(member_call_expression
  name: (name) @port.call
  arguments: (arguments
    . (argument [(string (string_content) @port.name) (encapsed_string (string_content) @port.name)])
    (argument [(integer) (string) (encapsed_string)] @port) .)
  (#eq? @port.call "addOption")
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; Calls named for a port: $server->setPort(8080), $container->withExposedPorts(5432)
(member_call_expression
  object: (_) @port.name
  name: (name) @port.name @_method
  arguments: (arguments (argument [(integer) (string) (encapsed_string)] @port))
  (#port-name? @_method)
  (#set! role "from-name"))
; Named arguments: new Server(port: 8080), connect(host: 'db', port: 5432)
(argument
  name: (name) @port.name
  [(integer) (string) (encapsed_string)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; ---------------------------------------------------------------------------------------
; Names: constants, properties, variables, parameters and array keys named for a port.

; Class members: the class's name speaks too (final class Database { private const DEFAULT_PORT = 3306; })
(class_declaration
  name: (name) @port.name
  body: (declaration_list
    [(const_declaration
       (const_element (name) @port.name @_field [(integer) (string) (encapsed_string)] @port))
     (property_declaration
       (property_element
         name: (variable_name) @port.name @_field
         default_value: [(integer) (string) (encapsed_string)] @port))])
  (#port-name? @_field)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; const PORT = 8080; class constants: private const DEFAULT_PORT = 3306;
(const_element
  (name) @port.name
  [(integer) (string) (encapsed_string)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; public $port = 80; private int $redisPort = 6379;
(property_element
  name: (variable_name) @port.name
  default_value: [(integer) (string) (encapsed_string)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; function connect($host, $port = 5432); __construct(private int $port = 3306)
([(simple_parameter
    name: (variable_name) @port.name
    default_value: [(integer) (string) (encapsed_string)] @port)
  (property_promotion_parameter
    name: (variable_name) @port.name
    default_value: [(integer) (string) (encapsed_string)] @port)]
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; $port = 8080; $this->port = 80; self::$port = 80; $port = isset($argv[1]) ? (int) $argv[1] : 9502;
(assignment_expression
  left: [(variable_name) @port.name
         (member_access_expression name: (name) @port.name)
         (scoped_property_access_expression name: (variable_name) @port.name)]
  right: [(integer) (string) (encapsed_string)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(assignment_expression
  left: [(variable_name) @port.name
         (member_access_expression name: (name) @port.name)
         (scoped_property_access_expression name: (variable_name) @port.name)]
  right: (conditional_expression alternative: [(integer) (string) (encapsed_string)] @port)
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(assignment_expression
  left: [(variable_name) @port.name
         (member_access_expression name: (name) @port.name)
         (scoped_property_access_expression name: (variable_name) @port.name)]
  right: (conditional_expression body: [(integer) (string) (encapsed_string)] @port)
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; $ports = [80, 443];
(assignment_expression
  left: [(variable_name) @port.name (member_access_expression name: (name) @port.name)]
  right: (array_creation_expression (array_element_initializer . (integer) @port .))
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; 'redis' => ['host' => 'redis', 'port' => 6379]: the section tells the side
(array_element_initializer
  [(string (string_content) @port.name) (encapsed_string (string_content) @port.name)]
  (array_creation_expression
    (array_element_initializer
      [(string (string_content) @port.name @_key) (encapsed_string (string_content) @port.name @_key)]
      [(integer) (string) (encapsed_string)] @port))
  (#port-name? @_key)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; ['port' => 6379], ['http_port' => '8080']
(array_element_initializer
  [(string (string_content) @port.name) (encapsed_string (string_content) @port.name)]
  [(integer) (string) (encapsed_string)] @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
; ['listen' => 8000]
(array_element_initializer
  [(string (string_content) @port.name) (encapsed_string (string_content) @port.name)]
  (integer) @port
  (#any-of? @port.name "listen" "bind")
  (#set! role "listen"))
; Well-known services: ['ssh' => 22, 'https' => 443], ['mysql' => ['db', 3306]]
(array_element_initializer
  [(string (string_content) @port.name) (encapsed_string (string_content) @port.name)]
  [(integer) @port
   (array_creation_expression
     . (array_element_initializer . [(string) (encapsed_string)] .)
     . (array_element_initializer . (integer) @port .) .)]
  (#match? @port.name "^(ftp|ssh|telnet|smtp|smtps|submission|dns|http|https|pop3|pop3s|imap|imaps|ldap|ldaps|ntp|snmp|syslog|rdp|vnc|mysql|mssql|postgres|postgresql|redis|mongodb|mongo|memcached|elasticsearch|kafka|zookeeper|amqp|rabbitmq|mqtt|cassandra|consul|etcd|grpc|sip|statsd)$")
  (#set! role "connect"))

; $port === 443; switch ($port) { case 22: ... }; match ($port) { 443 => 'https' }
(binary_expression
  left: [(variable_name) @port.name (member_access_expression name: (name) @port.name)]
  operator: ["==" "===" "!=" "!=="]
  right: (integer) @port
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(switch_statement
  condition: (parenthesized_expression [(variable_name) @port.name (member_access_expression name: (name) @port.name)])
  body: (switch_block (case_statement value: (integer) @port))
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))
(match_expression
  condition: (parenthesized_expression [(variable_name) @port.name (member_access_expression name: (name) @port.name)])
  body: (match_block (match_conditional_expression conditional_expressions: (match_condition_list (integer) @port)))
  (#port-name? @port.name)
  (#not-match? @port "^[\"']?0[\"']?$")
  (#set! role "from-name"))

; ---------------------------------------------------------------------------------------
; Strings.

; Strings a name vouches for as addresses: $redisHost = 'cache:6379'; 'hosts' => ['es1:9200'];
; define('MEMCACHED_SERVER', 'cache:11211')
(assignment_expression
  left: [(variable_name) @port.name (member_access_expression name: (name) @port.name)]
  right: [(string) (encapsed_string)] @port.string
  (#address-name? @port.name)
  (#not-port-name? @port.name)
  (#set! mode "any")
  (#set! role "from-name"))
(array_element_initializer
  [(string (string_content) @port.name) (encapsed_string (string_content) @port.name)]
  [[(string) (encapsed_string)] @port.string
   (array_creation_expression (array_element_initializer . [(string) (encapsed_string)] @port.string .))]
  (#address-name? @port.name)
  (#not-port-name? @port.name)
  (#set! mode "any")
  (#set! role "from-name"))
(arguments
  (argument [(string (string_content) @port.name) (encapsed_string (string_content) @port.name)])
  .
  (argument [(string) (encapsed_string)] @port.string)
  (#address-name? @port.name)
  (#not-port-name? @port.name)
  (#set! mode "any")
  (#set! role "from-name"))

; Every string: URLs ('http://localhost:8000', 'amqp://guest:guest@rabbitmq:5672/%2f'), DSNs
; ('mysql:host=db;port=3306;dbname=app') and settings.
([(string) (encapsed_string) (heredoc_body) (nowdoc_body)] @port.settings
  (#set! mode "urls"))
