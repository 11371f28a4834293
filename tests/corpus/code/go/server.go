// Command inventory-api serves the inventory REST API backed by PostgreSQL and Redis.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/go-redis/redis/v8"
	_ "github.com/lib/pq"
)

const (
	defaultPort     = 8080
	shutdownTimeout = 15 * time.Second
	maxBodyBytes    = 1 << 20
	apiVersion      = "v1.4.2"
)

// Config is read from the environment at start-up.
type Config struct {
	Port        int
	DatabaseURL string
	RedisAddr   string
	CacheTTL    time.Duration
}

func getenv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}

func loadConfig() Config {
	port, err := strconv.Atoi(getenv("PORT", "8080"))
	if err != nil {
		port = defaultPort
	}
	return Config{
		Port:        port,
		DatabaseURL: getenv("DATABASE_URL", "postgres://inventory:inventory@localhost:5432/inventory?sslmode=disable"),
		RedisAddr:   getenv("REDIS_ADDR", "localhost:6379"),
		CacheTTL:    5 * time.Minute,
	}
}

type server struct {
	db    *sql.DB
	cache *redis.Client
}

type item struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Stock int    `json:"stock"`
}

func (s *server) getItem(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.URL.Query().Get("id"), 10, 64)
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	var it item
	row := s.db.QueryRowContext(ctx, "SELECT id, name, stock FROM items WHERE id = $1", id)
	if err := row.Scan(&it.ID, &it.Name, &it.Stock); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			w.WriteHeader(404)
			return
		}
		w.WriteHeader(500)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(it)
}

func (s *server) health(w http.ResponseWriter, r *http.Request) {
	if err := s.cache.Ping(r.Context()).Err(); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(200)
	_, _ = w.Write([]byte("ok"))
}

func main() {
	cfg := loadConfig()
	db, err := sql.Open("postgres", cfg.DatabaseURL)
	if err != nil {
		log.Fatalf("open database: %v", err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(5)
	db.SetConnMaxLifetime(30 * time.Minute)

	cache := redis.NewClient(&redis.Options{
		Addr:     cfg.RedisAddr,
		DB:       0,
		PoolSize: 10,
	})
	s := &server{db: db, cache: cache}

	mux := http.NewServeMux()
	mux.HandleFunc("/items", s.getItem)
	mux.HandleFunc("/healthz", s.health)

	srv := &http.Server{
		Addr:           ":" + strconv.Itoa(cfg.Port),
		Handler:        http.MaxBytesHandler(mux, maxBodyBytes),
		ReadTimeout:    10 * time.Second,
		WriteTimeout:   10 * time.Second,
		MaxHeaderBytes: 1 << 16,
	}
	metrics := &http.Server{Addr: ":9102", Handler: promhttp()}
	go func() {
		log.Printf("metrics on %s", metrics.Addr)
		_ = metrics.ListenAndServe()
	}()
	go func() {
		log.Printf("inventory-api %s listening on :%d", apiVersion, cfg.Port)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Fatal(err)
		}
	}()

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop
	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	_ = srv.Shutdown(ctx)
}

func promhttp() http.Handler { return http.NotFoundHandler() }
