# frozen_string_literal: true

require "active_support/core_ext/integer/time"

Rails.application.configure do
  config.cache_classes = true
  config.eager_load = true
  config.consider_all_requests_local = false
  config.action_controller.perform_caching = true
  config.public_file_server.enabled = ENV["RAILS_SERVE_STATIC_FILES"].present?
  config.public_file_server.headers = { "Cache-Control" => "public, max-age=#{1.year.to_i}" }

  config.force_ssl = true
  config.ssl_options = { hsts: { expires: 1.year, subdomains: true } }

  config.log_level = :info
  config.log_tags = [:request_id]

  config.cache_store = :redis_cache_store, {
    url: ENV.fetch("REDIS_CACHE_URL", "redis://cache.internal:6379/0"),
    connect_timeout: 1,
    read_timeout: 0.2,
    write_timeout: 0.2,
    reconnect_attempts: 1,
    expires_in: 90.minutes
  }

  config.active_job.queue_adapter = :sidekiq

  config.action_mailer.perform_caching = false
  config.action_mailer.delivery_method = :smtp
  config.action_mailer.default_url_options = { host: "shop.example.com", protocol: "https" }
  config.action_mailer.smtp_settings = {
    address: ENV.fetch("SMTP_ADDRESS", "email-smtp.eu-west-1.amazonaws.com"),
    port: ENV.fetch("SMTP_PORT", 587).to_i,
    user_name: ENV["SMTP_USERNAME"],
    password: ENV["SMTP_PASSWORD"],
    authentication: :login,
    enable_starttls_auto: true,
    open_timeout: 5,
    read_timeout: 10
  }

  config.i18n.fallbacks = true
  config.active_support.report_deprecations = false
  config.active_record.dump_schema_after_migration = false

  config.hosts << "shop.example.com"
  config.hosts << /.*\.shop\.example\.com/

  config.elasticsearch_url = ENV.fetch("ELASTICSEARCH_URL", "http://search-es:9200")
  config.statsd = { host: "127.0.0.1", port: 8125, namespace: "shop" }

  if ENV["RAILS_LOG_TO_STDOUT"].present?
    logger           = ActiveSupport::Logger.new($stdout)
    logger.formatter = config.log_formatter
    config.logger    = ActiveSupport::TaggedLogging.new(logger)
  end
end

Sidekiq.configure_server do |config|
  config.redis = { url: ENV.fetch("SIDEKIQ_REDIS_URL", "redis://queue.internal:6379/1"), size: 12, network_timeout: 5 }
  config.concurrency = Integer(ENV.fetch("SIDEKIQ_CONCURRENCY", 10))
end
