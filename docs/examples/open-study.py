"""Opens a study backprop wrote, with Python Optuna 3.1 (Debian: apt-get install python3-optuna).

    python3 open-study.py journal:chapter-6.jsonl chapter-6
    python3 open-study.py postgresql://127.0.0.1:5432/test book-workers
"""
import json
import sys

import optuna
from optuna.storages import JournalFileStorage, JournalStorage

url, name = sys.argv[1], sys.argv[2]
if url.startswith("journal:"):
    storage = JournalStorage(JournalFileStorage(url[len("journal:"):]))
else:
    storage = url.replace("postgres://", "postgresql://", 1)  # SQLAlchemy's spelling

study = optuna.load_study(study_name=name, storage=storage)
print(json.dumps({
    "trials": len(study.trials),
    "states": sorted({t.state.name for t in study.trials}),
    "best_number": study.best_trial.number,
    "best_value": study.best_value,
    "best_params": study.best_params,
}))
