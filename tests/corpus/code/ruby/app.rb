# frozen_string_literal: true

require "sinatra/base"
require "sinatra/json"
require "redis"
require "sequel"
require "net/http"
require "json"
require "logger"

# Link shortener: stores codes in Postgres, caches hot links in Redis.
class ShortLinks < Sinatra::Base
  DEFAULT_PORT = 4567
  CODE_LENGTH = 7
  CACHE_TTL = 3600
  MAX_URL_LENGTH = 2048

  configure do
    set :bind, ENV.fetch("BIND", "0.0.0.0")
    set :port, ENV.fetch("PORT", DEFAULT_PORT).to_i
    set :logging, true
    set :show_exceptions, false

    set :db, Sequel.connect(ENV.fetch("DATABASE_URL", "postgres://links:links@localhost:5432/links"),
                            max_connections: 10, pool_timeout: 5)
    set :cache, Redis.new(host: ENV.fetch("REDIS_HOST", "127.0.0.1"),
                          port: ENV.fetch("REDIS_PORT", 6379).to_i,
                          db: 1,
                          connect_timeout: 0.5,
                          reconnect_attempts: 2)
  end

  configure :test do
    set :cache, Redis.new(url: "redis://localhost:6380/15")
  end

  helpers do
    def cache
      settings.cache
    end

    def links
      settings.db[:links]
    end

    def valid_url?(url)
      return false if url.nil? || url.length > MAX_URL_LENGTH

      uri = URI.parse(url)
      uri.is_a?(URI::HTTP) && !uri.host.nil?
    rescue URI::InvalidURIError
      false
    end

    def notify_analytics(code)
      uri = URI("http://analytics.internal:8086/write?db=links")
      Net::HTTP.start(uri.host, uri.port, open_timeout: 1, read_timeout: 2) do |http|
        http.post(uri.request_uri, "hits,code=#{code} value=1")
      end
    rescue StandardError => e
      logger.warn("analytics unreachable: #{e.message}")
    end
  end

  get "/healthz" do
    cache.ping
    status 204
  end

  post "/links" do
    payload = JSON.parse(request.body.read)
    halt 422, json(error: "invalid url") unless valid_url?(payload["url"])

    code = SecureRandom.alphanumeric(CODE_LENGTH)
    links.insert(code: code, url: payload["url"], created_at: Time.now)
    status 201
    json code: code, short: "#{request.base_url}/#{code}"
  end

  get "/:code" do |code|
    url = cache.get("link:#{code}")
    unless url
      row = links.where(code: code).first
      halt 404, "not found" unless row
      url = row[:url]
      cache.setex("link:#{code}", CACHE_TTL, url)
    end
    notify_analytics(code)
    redirect url, 301
  end

  run! if app_file == $PROGRAM_NAME
end
