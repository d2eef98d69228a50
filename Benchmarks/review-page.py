"""How the review page keeps up with a long review, in headless Chromium.

  hantm serve --db DB --port 18611 --token-file TOKEN_FILE &
  python3 Benchmarks/review-page.py http://127.0.0.1:18611 TOKEN KO_FILE EN_FILE [ROUNDS]

Starts a review of the two texts through the API (timed: alignment and save),
opens its page (timed: until every row is shown), then ROUNDS times (default
20) confirms a pair (C), merges a pair with the next (M) and undoes it (Z),
each timed in the page from the key's event until the page has drawn the
saved change (the request, the save, the answer and the rebuilt rows), and
scrolls to the end and back. Prints the medians and the slowest of each.
"""
import json
import statistics
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

origin, token, korean_file, english_file = sys.argv[1:5]
rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 20

with open(korean_file, encoding="utf-8") as korean, open(english_file, encoding="utf-8") as english:
    body = json.dumps({"name": "benchmark", "korean": korean.read(), "english": english.read()}).encode("utf-8")
request = urllib.request.Request(origin + "/v1/alignments", data=body, method="POST",
                                 headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
start = time.perf_counter()
with urllib.request.urlopen(request, timeout=600) as response:
    review = json.loads(response.read())
created = time.perf_counter() - start
print("review %d: %d pairs, aligned and saved in %.2f s" % (review["id"], len(review["pairs"]), created))

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"]:
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_script_timeout(120)
wait = WebDriverWait(driver, 120, poll_frequency=0.002)
try:
    start = time.perf_counter()
    driver.get("%s/review/%d#token=%s" % (origin, review["id"], token))
    wait.until(lambda d: d.find_element(By.ID, "pairs").get_attribute("data-ready") == "true")
    print("page shown with %d rows in %.0f ms" % (len(driver.find_elements(By.CSS_SELECTOR, "#pairs .pair")), (time.perf_counter() - start) * 1000))
    pairs = driver.find_element(By.ID, "pairs")
    timings = {"confirm": [], "merge": [], "undo": []}

    # Timed in the page: from the key's event until the row shows the saved
    # change (the request, the save, the answer and the rebuilt rows).
    measure = """
        const key = arguments[0], done = arguments[arguments.length - 1], pairs = document.getElementById('pairs');
        const revision = pairs.dataset.revision, start = performance.now();
        new MutationObserver((changes, observer) => {
          if (pairs.dataset.revision !== revision) { observer.disconnect(); requestAnimationFrame(() => done(performance.now() - start)); }
        }).observe(pairs, { attributes: true });
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    """

    def timed(name, key):
        timings[name].append(driver.execute_async_script(measure, key))

    proposed = [i for i, p in enumerate(review["pairs"]) if p["state"] == "proposed"]
    for round_number in range(rounds):
        # Pairs spread over the document, from the start to the end.
        index = proposed[(round_number * len(proposed)) // rounds]
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", driver.find_elements(By.CSS_SELECTOR, "#pairs .pair")[index])
        driver.find_elements(By.CSS_SELECTOR, "#pairs .pair")[index].find_element(By.CSS_SELECTOR, ".side.english .s").click()
        timed("merge", "m")
        timed("undo", "z")
        timed("confirm", "c")
    start = time.perf_counter()
    driver.execute_script("window.scrollTo(0, document.body.scrollHeight); window.scrollTo(0, 0);")
    driver.execute_script("return document.body.getBoundingClientRect().height")
    print("scroll to the end and back: %.0f ms" % ((time.perf_counter() - start) * 1000))
    for name, values in timings.items():
        print("%-8s median %.0f ms, slowest %.0f ms (%d)" % (name, statistics.median(values), max(values), len(values)))
finally:
    driver.quit()
