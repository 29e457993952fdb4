# posbridge — `make run` for the demo, `make test` for every test. Both set up what is missing.
SWIFT ?= swift
export PATH := /opt/swift/usr/bin:$(PATH)

.PHONY: all setup build release test run bench clean

all: build

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release --product posbridge

test: build
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

run: build
	@bash scripts/demo.sh "$$($(SWIFT) build --show-bin-path)/posbridge"

bench: release
	python3 bench/generate.py bench/data
	python3 bench/run.py --bin "$$($(SWIFT) build -c release --show-bin-path)/posbridge" --data bench/data

clean:
	rm -rf .build runs archive bench/data bench/out
