# frozen_string_literal: true

# config/deploy.rb (Capistrano) plus the app's health checker.
lock "~> 3.17.1"

set :application, "storefront"
set :repo_url, "git@github.com:acme/storefront.git"
set :deploy_to, "/var/www/storefront"
set :keep_releases, 5
set :puma_bind, "tcp://0.0.0.0:9292"
set :puma_threads, [4, 16]
set :puma_workers, 2
set :ssh_options, { forward_agent: true, port: 2222, keys: %w[~/.ssh/deploy] }

server "app1.acme.internal", user: "deploy", roles: %w[app web], port: 2222
server "db1.acme.internal", user: "deploy", roles: %w[db], primary: true

namespace :health do
  desc "Check the web processes answer after a deploy"
  task :check do
    on roles(:web) do |host|
      uri = URI("http://#{host.hostname}:9292/healthz")
      response = Net::HTTP.get_response(uri)
      raise "unhealthy: #{response.code}" unless response.code == "200"
    end
  end
end

module Storefront
  class HealthChecker
    CHECKS = {
      postgres: { host: ENV.fetch("DB_HOST", "localhost"), port: Integer(ENV.fetch("DB_PORT", 5432)) },
      redis: { host: ENV.fetch("REDIS_HOST", "localhost"), port: 6379 },
      search: { host: "opensearch", port: 9200 }
    }.freeze
    CONNECT_TIMEOUT = 2

    def self.run
      CHECKS.map do |name, target|
        ok = begin
          Socket.tcp(target[:host], target[:port], connect_timeout: CONNECT_TIMEOUT) { true }
        rescue SystemCallError, SocketError
          false
        end
        [name, ok]
      end.to_h
    end

    def self.sidekiq_web
      Rack::Server.start(app: Sidekiq::Web, Port: 9393, Host: "127.0.0.1")
    end
  end
end
