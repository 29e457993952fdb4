# posbridge — `make run` for the demo, `make test` for every test. Both set up what is missing.
SWIFT ?= swift
export PATH := /opt/swift/usr/bin:$(PATH)

.PHONY: all setup build release test run reset-demo bench clean

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

# The demo exits 3 when a run finished with rejected records or warnings (README: exit status 3):
# the runs are complete and their summaries printed, so `make run` succeeds and says so; any other
# failure fails it. The emulators' and posbridge's state stay in .demo/ between runs.
run: build
	@status=0; bash scripts/run-demo.sh "$$($(SWIFT) build --show-bin-path)/posbridge" || status=$$?; \
	if [ $$status -eq 3 ]; then \
	  echo "make run: finished with rejects or warnings (scripts/run-demo.sh exit status 3); see the files listed above"; \
	elif [ $$status -ne 0 ]; then exit $$status; fi

# Starts the demo over: the emulators are seeded afresh from fixtures/ by the next `make run`.
reset-demo:
	rm -rf .demo

bench: release
	python3 bench/generate.py bench/data
	python3 bench/run.py --bin "$$($(SWIFT) build -c release --show-bin-path)/posbridge" --data bench/data

clean:
	rm -rf .build runs archive .demo bench/data bench/out
