# The one test command (README, .ci/run). Run as root for the privileged tests.
GO ?= go

.PHONY: build test fuzz-seed
build:
	CGO_ENABLED=0 $(GO) build -o gocap ./cmd/gocap

test:
	CGO_ENABLED=0 $(GO) build ./...
	$(GO) vet ./...
	scripts/test
