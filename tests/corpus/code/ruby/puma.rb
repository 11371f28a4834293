# frozen_string_literal: true

# Puma can serve each request in a thread from an internal thread pool.
# The `threads` method setting takes two numbers: a minimum and maximum.
max_threads_count = ENV.fetch("RAILS_MAX_THREADS") { 5 }
min_threads_count = ENV.fetch("RAILS_MIN_THREADS") { max_threads_count }
threads min_threads_count, max_threads_count

# Specifies the `worker_timeout` threshold that Puma will use to wait before
# terminating a worker in development environments.
worker_timeout 3600 if ENV.fetch("RAILS_ENV", "development") == "development"

# Specifies the `port` that Puma will listen on to receive requests; default is 3000.
port ENV.fetch("PORT") { 3000 }

# Specifies the `environment` that Puma will run in.
environment ENV.fetch("RAILS_ENV") { "development" }

# Specifies the `pidfile` that Puma will use.
pidfile ENV.fetch("PIDFILE") { "tmp/pids/server.pid" }

# Specifies the number of `workers` to boot in clustered mode.
workers ENV.fetch("WEB_CONCURRENCY") { 2 }

# The control app lets pumactl talk to the server.
activate_control_app "tcp://127.0.0.1:9293", { auth_token: ENV.fetch("PUMA_CONTROL_TOKEN", "dev-token") }

if ENV["PUMA_SSL"] == "1"
  ssl_bind "0.0.0.0", 9443, {
    key: ENV.fetch("SSL_KEY_PATH", "config/ssl/server.key"),
    cert: ENV.fetch("SSL_CERT_PATH", "config/ssl/server.crt"),
    verify_mode: "none"
  }
end

# Use the `preload_app!` method when specifying a `workers` number.
preload_app!

before_fork do
  ActiveRecord::Base.connection_pool.disconnect! if defined?(ActiveRecord)
end

on_worker_boot do
  ActiveRecord::Base.establish_connection if defined?(ActiveRecord)
end

# Allow puma to be restarted by `bin/rails restart` command.
plugin :tmp_restart

lowlevel_error_handler do |ex, env|
  Raven.capture_exception(ex, message: ex.message, extra: { puma: env }, transaction: "Puma")
  [500, {}, ["An error has occurred, and engineers have been informed. Please reload the page.\n"]]
end

# Expose Prometheus metrics for the cluster on a separate port.
if ENV.fetch("PUMA_METRICS", "true") == "true"
  plugin :metrics
  metrics_url "tcp://0.0.0.0:9394"
end

stdout_redirect "log/puma.stdout.log", "log/puma.stderr.log", true if ENV["RAILS_ENV"] == "production"
