"""Team review: several reviewers' libraries kept in step through one shared
folder (a synced folder or a git clone), who judged what, and how far the
reviewers agree.

    identity   the reviewer's name and short id; authorship of rows
    folder     the team folder's layout, conflict copies, shared PDFs
    publish    writing this reviewer's own files (one per document, atomic)
    merge      reading teammates' files into the library (one transaction)
    gitsync    git pull / commit / push for a folder that is a git clone
    sync       one sync: publish, exchange, merge; the report
    agreement  Cohen's kappa, Krippendorff's alpha, plain agreement
    agreed     the team's agreed stance for a recommendation
"""
