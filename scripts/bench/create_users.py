"""POST /Users over 16 keep-alive connections, for the benchmark's seeding scripts
(seed.py, warm_values.py)."""
import http.client, json, threading

def create_users(host, port, token, indices, user, created=lambda index, body: None, connections=16):
    """Creates user(index) for each index in indices, spread over `connections` threads, and
    calls created(index, response body) after each 201. Returns the first error's text (the
    thread that met it stops), or None."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/scim+json"}
    indices = list(indices)
    errors = []

    def worker(offset):
        connection = http.client.HTTPConnection(host, port, timeout=60)
        for index in indices[offset::connections]:
            connection.request("POST", "/scim/v2/Users", json.dumps(user(index)), headers)
            response = connection.getresponse()
            data = response.read()
            if response.status != 201:
                errors.append(f"{response.status} {data[:200]!r}")
                return
            created(index, data)

    threads = [threading.Thread(target=worker, args=(offset,)) for offset in range(connections)]
    for thread in threads: thread.start()
    for thread in threads: thread.join()
    return errors[0] if errors else None
