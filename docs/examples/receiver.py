"""A webhook receiver for Serverless Scheduler's calls, in Python (standard library + the published Standard
Webhooks library): verifies each call with the tenant's secret, refuses anything else, and deduplicates on
webhook-id (the same for every attempt of one fire).

    pip install standardwebhooks   # in this repository it is in .venv already
    SIGNING_SECRET=$(npm run -s signing-secret -- alpha) PORT=40124 .venv/bin/python docs/examples/receiver.py

It prints one JSON line per call; test/e2e/sample-receivers.test.ts runs it against the deployed local stack.
"""

import json
import os
from http.server import BaseHTTPRequestHandler, HTTPServer

from standardwebhooks.webhooks import Webhook

webhook = Webhook(os.environ.get("SIGNING_SECRET", ""))
seen = set()


class Receiver(BaseHTTPRequestHandler):
    def handle_call(self):
        body = self.rfile.read(int(self.headers.get("content-length") or 0))  # the raw body, unparsed
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            webhook.verify(body, headers)  # raises: forged, altered, another tenant's, or older than 5 minutes
        except Exception as error:  # the library's WebhookVerificationError, or a malformed header
            print(json.dumps({"verified": False, "reason": str(error)}), flush=True)
            self.send_response(401)
            self.end_headers()
            return
        call_id = headers.get("webhook-id")
        duplicate = call_id in seen  # a retry of a fire already handled: acknowledge it, do nothing again
        seen.add(call_id)
        print(
            json.dumps(
                {
                    "verified": True,
                    "id": call_id,
                    "duplicate": duplicate,
                    "idempotencyKey": headers.get("idempotency-key"),
                    "body": body.decode("utf-8"),
                }
            ),
            flush=True,
        )
        self.send_response(204)
        self.end_headers()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET = handle_call

    def log_message(self, *args):  # one JSON line per call is all this prints
        pass


server = HTTPServer(("127.0.0.1", int(os.environ.get("PORT", "40124"))), Receiver)
print(json.dumps({"listening": server.server_address[1]}), flush=True)
server.serve_forever()
