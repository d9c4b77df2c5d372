"""What the documents being built need of the input (pipeline.kinds: `needs`): each fault
held against the documents that need the fact."""

from __future__ import annotations


import pandas as pd

from .. import kinds as registry
from ..contract import (
    PHOTOS_FOLDER,
)
from ..errors import Problem
from ..model import (
    Campaign,
)
from .checker import MEETING_ROLES, _Checker


def _needs(ck: _Checker, kinds: list[str], campaign: Campaign) -> None:
    """What the kinds being built need of the input: problems (each held against the kinds
    that need the fact: `ck.needed`), or warnings for facts that only fill a blank the
    staff can write by hand."""
    wanted = [registry.kind(slug) for slug in kinds]
    by_need: dict[str, list[str]] = {}  # need -> the kinds (slugs) that have it
    for kind in wanted:
        for need in kind.needs:
            by_need.setdefault(need, []).append(kind.slug)
    if registry.AWARDS in by_need and not campaign.awards:
        why = "chưa có trang" if campaign.awards is None else "trang chưa có dòng nào ở"
        ck.need(
            by_need[registry.AWARDS],
            Problem(
                ck.raw.file_of("Khen thưởng"),
                f'{_labels(by_need[registry.AWARDS])} cần danh sách đề nghị khen thưởng; {why} "Khen thưởng".',
                "Khen thưởng",
            ),
        )
    if registry.GRANTED_AWARDS in by_need and campaign.awards and not any(a.granted for a in campaign.awards):
        ck.need(
            by_need[registry.GRANTED_AWARDS],
            Problem(
                ck.raw.file_of("Khen thưởng"),
                f"{_labels(by_need[registry.GRANTED_AWARDS])} cần ít "
                'nhất một tập thể, cá nhân được khen thưởng; mọi dòng đều ghi "không" ở cột '
                '"Quyết định".',
                "Khen thưởng",
            ),
        )
    _needed_scores(ck, campaign, by_need)
    if any(kind.photos for kind in wanted):
        before = len(ck.problems)
        _readable_photos(ck, campaign)
        found, ck.problems[before:] = ck.problems[before:], []
        for problem in found:
            ck.need([k.slug for k in wanted if k.photos], problem)
    if registry.INSPECTION_PEOPLE in by_need:
        campaign.warnings += _missing_inspection_people(campaign)
    if registry.MEETING_PEOPLE in by_need:
        for role in MEETING_ROLES:
            if not campaign.people_with(role):
                campaign.warnings.append(
                    f'Trang "Người" chưa có người vai trò "{role}" của cuộc họp cụm: '
                    f"{_labels(by_need[registry.MEETING_PEOPLE])} để trống tên để viết tay; thêm "
                    f'một dòng vai trò "{role}" để in tên.'
                )


def _labels(slugs: list[str]) -> str:
    return _join([registry.kind(slug).label for slug in slugs])


def _readable_photos(ck: _Checker, campaign: Campaign) -> None:
    """Each photo a document embeds opens as an image (load decoded it, and images keeps it
    for the render); one that does not is left out of the news article, with a warning."""
    kept = []
    for photo in campaign.photos:
        found = next(p for p in ck.raw.photos.values() if p.path == photo.file)
        if not found.decoded:
            raise RuntimeError(
                f"{photo.file}: the campaign was loaded without its photos "
                "(load_campaign(photos=True) for the documents that embed them)"
            )
        if found.too_large is not None:
            ck.add(found.too_large, "Ảnh", photo.row, "Tệp")
            continue
        if found.unreadable is not None:
            sheet = ck.raw.sheets["Ảnh"]
            campaign.warnings.append(
                Problem(
                    sheet.file,
                    f'không đọc được ảnh "{PHOTOS_FOLDER}/{photo.file.name}": tệp hỏng '
                    "hoặc không phải ảnh JPEG/PNG; tin bài được tạo không có ảnh này.",
                    "Ảnh",
                    photo.row,
                    "Tệp",
                    sheet.cell("Tệp", photo.row),
                ).located()
            )
            continue
        kept.append(photo)
    campaign.photos[:] = kept


def _join(labels: list[str]) -> str:
    return ", ".join(labels[:-1]) + (" và " if len(labels) > 1 else "") + labels[-1]


def _needed_scores(ck: _Checker, campaign: Campaign, by_need: dict[str, list[str]]) -> None:
    """Every score a requested document prints: one problem per cell, naming who needs it.

    The documents that report the results need every `Cụm chấm` (held back whole). The
    inspection minutes print the team's scores of the day: `Đoàn chấm` where the workbook has
    team scores, then every inspected unit's must be complete (a missing cell holds back that
    unit's minutes only); `Cụm chấm` when `Chung` says `Đoàn chấm theo Cụm chấm: có`; else
    the column is left blank for the team to write by hand, with one warning.
    """
    wanted: dict[tuple[str, str], list[str]] = {}  # (unit, column) -> kinds needing it
    per_unit: set[str] = set(by_need.get(registry.TEAM_SCORES, ()))  # one document per unit
    if registry.CLUSTER_SCORES in by_need:
        for unit in campaign.units:
            wanted[unit.code, "cluster"] = list(by_need[registry.CLUSTER_SCORES])
    if registry.TEAM_SCORES in by_need:
        if campaign.team_column or campaign.team_from_cluster:
            column = "team" if campaign.team_column else "cluster"
            for visit in campaign.schedule:
                slugs = wanted.setdefault((visit.inspected, column), [])
                slugs += [x for x in by_need[registry.TEAM_SCORES] if x not in slugs]
        else:
            campaign.warnings.append(
                'Trang "Chấm điểm" chưa có điểm ở cột "Đoàn chấm": '
                f"{_labels(by_need[registry.TEAM_SCORES])} để trống cột điểm đoàn chấm và tổng "
                "điểm để đoàn kiểm tra ghi tay trong buổi kiểm tra. Nếu điểm của đoàn kiểm tra "
                'chính là điểm cụm chấm, ghi mục "Đoàn chấm theo Cụm chấm" là "có" ở trang '
                '"Chung" để in điểm cụm chấm vào đó.'
            )
    scores = campaign.scores
    file = campaign.sources.get("Chấm điểm", ck.raw.file_of("Chấm điểm"))
    headers = {"team": ("Đoàn chấm", "đoàn chấm"), "cluster": ("Cụm chấm", "cụm chấm")}
    for row in scores.itertuples():
        for column in ("team", "cluster"):
            slugs = wanted.get((row.unit, column))
            if not slugs or pd.notna(getattr(row, column)):
                continue
            header, words = headers[column]
            where = int(row.row) if pd.notna(row.row) else None
            if column == "team" or not campaign.team_column and campaign.team_from_cluster:
                labels = [
                    f"biên bản kiểm tra {campaign.unit(row.unit).name}" if s in per_unit else registry.kind(s).label
                    for s in slugs
                ]
            else:
                labels = [registry.kind(s).label for s in slugs]
            problem = Problem(
                file,  # no criterion in the message: one line per unit, with its rows and cells
                f"chưa có điểm {words} của đơn vị {row.unit}; {_join(list(dict.fromkeys(labels)))} cần điểm này.",
                "Chấm điểm",
                where,
                header,
            )
            whole = [
                s
                for s in slugs
                if s not in per_unit or column == "cluster" and registry.CLUSTER_SCORES in registry.kind(s).needs
            ]
            ck.need(whole, problem)
            ck.need([s for s in slugs if s not in whole], problem, unit=row.unit)


def _missing_inspection_people(campaign: Campaign) -> list[str]:
    """Inspection minutes keep the titles and leave the names to write by hand."""
    warnings = []
    for visit in campaign.schedule:
        host, guest = campaign.unit(visit.inspected), campaign.unit(visit.inspector)
        if not campaign.people_with("trưởng đoàn", guest.code):
            warnings.append(
                f'Trang "Người" chưa có người vai trò "trưởng đoàn" của {guest.name} ({guest.code}): '
                f"biên bản kiểm tra {host.name} để trống tên trưởng đoàn để viết tay; thêm một "
                'dòng vai trò "trưởng đoàn" để in tên.'
            )
        if not campaign.people_with("đại diện", host.code):
            warnings.append(
                f'Trang "Người" chưa có người vai trò "đại diện" của {host.name} ({host.code}): '
                f"biên bản kiểm tra {host.name} để trống tên người đại diện để viết tay; thêm một "
                'dòng vai trò "đại diện" để in tên.'
            )
    return warnings
