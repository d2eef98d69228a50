"""The review page in headless Chromium, as a person uses it.

Usage: review_flow.py URL KOREAN_FILE ENGLISH_FILE GLOSSARY_FILE SCREENSHOT_DIR

URL is what `hantm review` printed (its review open, its token in the fragment).
The script looks at that review, then starts another from the two files through
the page's form (uploads), merges a pair, undoes it, merges again, splits the
pair back, edits a sentence, unpairs and pairs, moves a sentence down and up,
confirms pairs, reloads the page and checks the work was kept, commits, and
checks the TMX the page offers. Each step is checked against the
JSON API, exactly, and leaves a screenshot. It prints what it checked and exits
non-zero at the first failure. Every wait is on an element or an answer, with
a bound that only stops a broken run from hanging.
"""
import json
import os
import re
import signal
import sys
import urllib.request
from xml.etree import ElementTree

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

WAIT = 60  # seconds an element or answer may take before the run is called broken

url, korean_file, english_file, glossary_file, shots = sys.argv[1:6]
origin = re.match(r"(http://[^/]+)", url).group(1)
token = url.split("#token=", 1)[1]


def give_up(number, frame):
    raise TimeoutError("the browser run took over 10 minutes")


# A hung browser ends the run (through the `finally` below, which closes it) instead of the CI job.
signal.signal(signal.SIGALRM, give_up)
signal.alarm(600)


def api(path):
    with urllib.request.urlopen(origin + path, timeout=WAIT) as response:
        return response.read().decode("utf-8")


def alignment(review):
    return json.loads(api("/v1/alignments/%d" % review))


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok:", message)


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                 "--lang=en-US", "--disable-gpu", "--no-first-run"]:
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(WAIT)
driver.set_script_timeout(WAIT)
wait = WebDriverWait(driver, WAIT)
step_number = [0]


def shot(name):
    step_number[0] += 1
    driver.save_screenshot(os.path.join(shots, "%02d-%s.png" % (step_number[0], name)))


def ready():
    wait.until(lambda d: d.find_element(By.ID, "pairs").get_attribute("data-ready") == "true")


def rows():
    return driver.find_elements(By.CSS_SELECTOR, "#pairs .pair")


def press(*keys):
    driver.find_element(By.TAG_NAME, "body").send_keys(*keys)


def wait_revision(review, revision):
    wait.until(lambda d: alignment(review)["revision"] == revision
               and d.find_element(By.ID, "pairs").get_attribute("data-revision") == str(revision))
    return alignment(review)


def select(index, side="korean"):
    row = rows()[index]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    row.find_element(By.CSS_SELECTOR, ".side.%s .s" % side).click()
    wait.until(lambda d: "current" in rows()[index].get_attribute("class"))


try:
    # The review `hantm review` started: the README's main job, as a reviewer first sees it.
    driver.get(url)
    ready()
    first = alignment(int(re.search(r"/review/(\d+)", url).group(1)))
    check(len(rows()) == len(first["pairs"]), "the page shows all %d pairs of the review" % len(first["pairs"]))
    shown = [row.find_element(By.CSS_SELECTOR, ".side.korean").text for row in rows()[:5]]
    check(shown == [pair["korean"] or "no Korean" for pair in first["pairs"][:5]], "the pairs are in document order")
    # Confirm what the aligner is sure of, then look at the first row left to review.
    press(Keys.SHIFT, "a")
    sure = wait_revision(first["id"], 1)
    check(sure["counts"]["confirmed"] == sum(1 for p in first["pairs"] if p["state"] == "proposed" and p["confidence"] >= 0.9),
          "Shift+A confirms the main job's pairs at 0.9 or above")
    select(next(i for i, p in enumerate(sure["pairs"]) if p["state"] != "confirmed"))
    shot("main-job-review")

    # Start another review through the form, the texts uploaded as files.
    driver.get(origin + "/review")
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#reviews tbody tr"))
    check(len(driver.find_elements(By.CSS_SELECTOR, "#reviews tbody tr")) == 1, "the list shows the one review")
    driver.find_element(By.ID, "new-korean-file").send_keys(korean_file)
    driver.find_element(By.ID, "new-english-file").send_keys(english_file)
    driver.find_element(By.ID, "new-glossary-file").send_keys(glossary_file)
    wait.until(lambda d: d.find_element(By.ID, "new-english").get_property("value")
               and d.find_element(By.ID, "new-glossary").get_property("value"))
    with open(korean_file, encoding="utf-8") as text:
        check(driver.find_element(By.ID, "new-korean").get_property("value") == text.read(), "the uploaded Korean text fills its box")
    name = driver.find_element(By.ID, "new-name")
    name.clear()
    name.send_keys("browser review")
    shot("start-form")
    driver.find_element(By.ID, "new-submit").click()
    wait.until(lambda d: re.search(r"/review/\d+$", d.current_url))
    review = int(re.search(r"/review/(\d+)$", driver.current_url).group(1))
    ready()
    start = alignment(review)
    pairs = start["pairs"]
    check(start["name"] == "browser review" and len(rows()) == len(pairs), "the new review shows its %d pairs" % len(pairs))
    check(driver.find_element(By.ID, "counts").get_attribute("data-confirmed") == "0", "nothing is confirmed yet")
    shot("new-review")

    # Two neighbouring one-sentence pairs whose sentences have the same share of
    # their pair's text on both sides, so that a split after the first Korean
    # sentence cuts the English after the first English sentence too.
    def one_to_one(pair):
        return pair["state"] == "proposed" and len(pair["sentences"]["korean"]) == 1 and len(pair["sentences"]["english"]) == 1

    def share(a, b):
        return len(a) / (len(a) + len(b))

    index = next(i for i in range(len(pairs) - 1) if one_to_one(pairs[i]) and one_to_one(pairs[i + 1])
                 and abs(share(pairs[i]["korean"], pairs[i + 1]["korean"]) - share(pairs[i]["english"], pairs[i + 1]["english"])) < 0.15)
    a, b = pairs[index], pairs[index + 1]

    # Merge the pair with the next (M), take it back (Z), merge again.
    select(index)
    press("m")
    merged = wait_revision(review, 1)
    check(merged["pairs"][index]["korean"] == a["korean"] + " " + b["korean"]
          and merged["pairs"][index]["english"] == a["english"] + " " + b["english"]
          and merged["pairs"][index]["confidence"] is None and len(merged["pairs"]) == len(pairs) - 1,
          "M merges pair %d with the next, on both sides" % (index + 1))
    check(rows()[index].find_element(By.CSS_SELECTOR, ".conf").text == "edited", "the merged pair is marked as re-cut")
    shot("merged")
    press("z")
    check(wait_revision(review, 2)["pairs"] == pairs, "Z undoes the merge exactly")
    select(index)
    press("m")
    wait_revision(review, 3)

    # Split it back after its first Korean sentence ([ ] choose the sentence; S splits).
    select(index)
    press("s")
    split = wait_revision(review, 4)
    check([(p["korean"], p["english"]) for p in split["pairs"][index:index + 2]] == [(a["korean"], a["english"]), (b["korean"], b["english"])],
          "S splits the pair back into its two pairs")
    shot("split")

    def texts(alignment, start, count):
        return [(p["korean"], p["english"], p["state"]) for p in alignment["pairs"][start:start + count]]

    # Edit the English sentence (E, type, Enter), then take it back (Z).
    select(index, "english")
    press("e")
    editor = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#pairs textarea.editing"))
    editor.send_keys(Keys.CONTROL, "a")
    editor.send_keys("An edited sentence.")
    shot("editing")
    editor.send_keys(Keys.ENTER)
    edited = wait_revision(review, 5)
    check(edited["pairs"][index]["english"] == "An edited sentence." and edited["pairs"][index]["korean"] == a["korean"],
          "E edits the selected sentence")
    press("z")
    check(wait_revision(review, 6)["pairs"][index]["english"] == a["english"], "Z takes the edit back")

    # Unpair (U), then pair the two sentences again (P on one, P on the other).
    select(index)
    press("u")
    unpaired = wait_revision(review, 7)
    check(texts(unpaired, index, 2) == [(a["korean"], "", "unpaired"), ("", a["english"], "unpaired")], "U unpairs the pair")
    select(index)
    press("p")
    shot("pairing")
    select(index + 1, "english")
    press("p")
    paired = wait_revision(review, 8)
    check(paired["pairs"][index] == a, "P pairs the two sentences, with the aligner's confidence again")

    # Move the English sentence down to the next pair (Alt+Down), and back up (Alt+Up).
    select(index, "english")
    press(Keys.ALT, Keys.ARROW_DOWN)
    moved = wait_revision(review, 9)
    check(texts(moved, index, 2) == [(a["korean"], "", "unpaired"), (b["korean"], a["english"] + " " + b["english"], "proposed")],
          "Alt+Down moves the sentence to the next pair")
    select(index + 1, "english")
    press(Keys.ALT, Keys.ARROW_UP)
    check(wait_revision(review, 10)["pairs"] == pairs, "Alt+Up moves it back, and both pairs are as the aligner proposed them")

    # Confirm both (C confirms and moves on), then every pair at or above the threshold (Shift+A).
    select(index)
    press("c")
    wait_revision(review, 11)
    select(index + 1)
    press("c")
    confirmed = wait_revision(review, 12)
    check([p["state"] for p in confirmed["pairs"][index:index + 2]] == ["confirmed", "confirmed"], "C confirms the selected pair")
    press(Keys.SHIFT, "a")
    above = wait_revision(review, 13)
    expected = sum(1 for p in confirmed["pairs"] if p["state"] == "confirmed" or (p["state"] == "proposed" and p["confidence"] is not None and p["confidence"] >= 0.9))
    check(above["counts"]["confirmed"] == expected, "Shift+A confirms every proposed pair at 0.9 or above: %d confirmed" % expected)
    check(driver.find_element(By.ID, "counts").get_attribute("data-confirmed") == str(expected), "the counts show %d confirmed" % expected)

    # Needs review only (F): the rows left are those below the threshold, re-cut or unpaired.
    press("f")
    todo = [i for i, p in enumerate(above["pairs"]) if p["state"] == "unpaired" or (p["state"] == "proposed" and (p["confidence"] is None or p["confidence"] < 0.9))]
    shown = [int(row.get_attribute("data-index")) for row in rows() if row.is_displayed()]
    check(shown == todo, "the filter shows the %d pairs that need review" % len(todo))
    shot("needs-review")
    press("f")

    # Reload: the work was saved, and the page resumes it.
    driver.refresh()
    ready()
    check(driver.find_element(By.ID, "counts").get_attribute("data-confirmed") == str(expected)
          and "confirmed" in rows()[index].get_attribute("class"), "after a reload the page shows the confirmed pairs")
    shot("resumed")

    # Commit, and look at what the page offers as TMX.
    driver.find_element(By.ID, "commit").click()
    driver.find_element(By.ID, "commit-yes").click()
    wait.until(lambda d: d.find_element(By.ID, "committed").is_displayed())
    final = alignment(review)
    check(final["committed"]["pairs"] == expected, "commit stores the %d confirmed pairs" % expected)
    check(not driver.find_element(By.CSS_SELECTOR, "#tools button").is_enabled(), "a committed review can no longer be edited")
    shot("committed")
    tmx = ElementTree.fromstring(api("/v1/alignments/%d/tmx" % review).encode("utf-8"))
    units = [([seg.text for seg in tu.iter("seg")], {prop.get("type"): prop.text for prop in tu.iter("prop")}) for tu in tmx.iter("tu")]
    confirmed = [[p["korean"], p["english"]] for p in final["pairs"] if p["state"] == "confirmed"]
    check([segs for segs, _ in units] == confirmed, "the TMX holds the %d confirmed pairs, in document order" % expected)
    check(all(props.get("x-reviewed") and props.get("x-document") == "browser review" for _, props in units),
          "each TMX unit carries its document and x-reviewed")
    print(json.dumps({"review": review, "confirmed": expected, "korean": a["korean"], "english": a["english"]}, ensure_ascii=False))
except Exception:
    shot("failure")
    raise
finally:
    driver.quit()
