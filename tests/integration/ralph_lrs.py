"""Ralph, the learning record store, as .ci/run starts it: its file-system backend, on
127.0.0.1:8100 (``--port`` to change).

Ralph 5.1.0's file-system LRS backend writes every POST with its data backend's default
operation, "create", so the second POST of statements fails ("fs_lrs.jsonl already exists
and overwrite is not allowed"). Here it appends instead, which is what an LRS file of JSON
lines needs; nothing else of ralph is changed. Run it with ralph's own virtualenv."""

import argparse

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8100)
    args = parser.parse_args()
    uvicorn.run("ralph.api:app", host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
