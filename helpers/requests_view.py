"""show_requests(): the requests a cell sent, as the cassette or the service saw them, with secrets masked."""

import json


def show_requests(headers=("api-key", "authorization", "extra-parameters", "content-type"), body=True):
    """Print the requests this cell sent, or when it sent none the previous cell's, with secrets masked, and the
    status each got."""
    from .apply import current_session

    session = current_session()
    served = session.served or session.previous
    if not served:
        print("The previous cell sent no request.")
    for number, item in enumerate(served, start=1):
        request, status = item.request, item.response["status"]["code"]
        note = " (stand-in)" if item.standin else " (live)" if item.live else ""
        print(f"{number}. {request.method} {request.uri} -> {status}{note}")
        for name in headers:
            value = request.headers.get(name)
            if value is not None:
                print(f"   {name}: {value}")
        if body and request.body:
            payload = request.body.decode() if isinstance(request.body, bytes) else request.body
            try:
                payload = json.dumps(json.loads(payload), indent=2)
            except ValueError:
                pass
            print("   body: " + payload.replace("\n", "\n   "))
