# 所有給員工看的文字共用。

# 本地區的日期格式。$iso 為 YYYY-MM-DD；$year、$month、$day 不補零。
date = { $year }年{ $month }月{ $day }日

# 清單項目之間（測驗代碼、系統管理員姓名）用頓號。
list-separator = 、
