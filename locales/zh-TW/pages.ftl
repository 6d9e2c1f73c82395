# 報告頁面（index.html、orgs/、status.html）。每則訊息都是 HTML。

## 各頁共用

page-contents = 目錄
page-run-facts = 執行資訊
page-totals = 總計
page-organisations = 組織
page-organisation = 組織
page-findings = 檢查結果
page-accounts = 帳戶
page-tool = 工具
page-file = 檔案
page-line = 行
page-col = 欄
page-line-lower = 第幾行
page-col-lower = 第幾欄
page-severity = 嚴重性
page-rule = 規則
page-message = 說明
page-yes = 是
page-no = 否
page-unknown = 不明
page-error = 錯誤
page-warning = 警告
page-info = 資訊
page-none-yet = 尚無

## status.html

status-title = 團隊狀態 · { $as_of } · 合作夥伴中心轉換
status-back = ← 轉換報告
status-eyebrow = pmc-migrate · 團隊狀態
status-h1 = 轉換後的團隊狀態
status-lede = 截至 <strong>{ $as_of }</strong> · <strong>{ $organizations }</strong> 個組織共 <strong>{ $accounts }</strong> 個帳戶 · <strong>{ $signed_in }</strong> 個已登入 · <strong>{ $needs_action }</strong> 個需要處理
status-must-re-add = 須重新新增
status-expiring-soon = 即將到期
status-report = 轉換報告
status-report-lower = 轉換報告
status-banner-reissue = 有 { $n } 個帳戶在暫時密碼到期前從未登入：請移除後再重新新增（R7）。下一次以這份匯出檔執行 <code>pmc-migrate apply --status</code> 時會重新發給；請見<a href="#re-add">須重新新增</a>。
status-banner-expiring = 有 { $n } 個帳戶尚未登入，且暫時密碼將在 { $days } 天內到期：請提醒這些人登入（請見<a href="#expiring">即將到期</a>）。
status-banner-findings = 沒有人需要重新新增，但{ $disagreements_n ->
        [0] { "" }
       *[other] 帳本與狀態匯出檔有 { $disagreements } 處不一致{ $unreadable_n ->
            [0] { "" }
           *[other] ，另外
        }
    }{ $unreadable_n ->
        [0] { "" }
       *[other] 狀態匯出檔有 { $unreadable } 個儲存格或資料列無法讀取
    }：請見<a href="#status-findings">檢查結果</a>。
status-banner-ok = 沒有人需要處理：每個帳戶都已登入，或暫時密碼還有超過 { $days } 天的效期。
status-run-sub = 本資料夾歷次套用所記錄的帳本，對照合作夥伴中心匯出的團隊狀態。同一份帳本、匯出檔與基準時間，產生的頁面永遠相同。
status-as-of = 基準時間
status-window = 提醒期間
status-window-text = { $days } 天 <code>--warn-days { $days }</code>：有人必須重新新增，或尚未登入且暫時密碼將在此期間內到期時，命令會以代碼 1 結束
status-passwords = 暫時密碼
status-passwords-text = 有效期為 90 天；屆時仍未登入的人會被移除，再以新的暫時密碼重新新增（R7）
status-competency = 專長認證進度
status-competency-text = 員工建立技術測驗及認證關聯 24 小時後，會顯示在 <span class="ui">合作關係 › 專長認證</span> 中（R9）
status-full-data = 完整資料
status-totals-sub = 本資料夾歷次套用所發出的每個帳戶，依登入狀態分類。
status-tile-signed-in = 已登入
status-tile-waiting = 等待第一次登入
status-expiring-within = { $days } 天內到期
status-tile-reissue = 必須移除後重新新增（R7）
status-tile-unknown = 不在狀態匯出檔中
status-tile-pu = 已連接合作夥伴大學（R8b）
status-tile-competency = 可看到專長認證進度（R9）
status-re-add-h2 = 必須移除後重新新增
status-re-add-sub = 這 { $n } 個帳戶從未登入，暫時密碼也已到期（R7）。請在合作夥伴中心移除後再重新新增：下一次以這份匯出檔和同一個基準日執行 <code>pmc-migrate apply --status</code> 時，會以新的暫時密碼重新發給（動作 <em>reissue</em>），寫在新的 <code>credentials/&lt;MPN ID&gt;.run&lt;N&gt;.csv</code> 中。
status-username-email = 使用者名稱 · 電子郵件
status-password-expired = 密碼到期日
status-password-expires = 密碼到期日
status-next-apply = 下次套用
status-action-reissue = 重新發給
status-action-keep = 保留
status-re-add-more = 另有 { $n } 個未列在這裡：請見 <a href="status.json">status.json</a> 中 <code>"next_action": "reissue"</code> 的帳戶。
status-re-add-none = 沒有：沒有任何帳戶的暫時密碼在未登入的情況下到期。
status-expiring-sub = 尚未登入，且暫時密碼即將到期。請提醒這 { $n } 位登入；過了到期日，帳戶就必須移除後重新新增（R7）。
status-expiring-more = 另有 { $n } 個未列在這裡：請見 <a href="status.json">status.json</a> 中 <code>"sign_in": "expires-soon"</code> 的帳戶。
status-expiring-none = 沒有：尚未登入的人，暫時密碼都還有超過 { $days } 天的效期。
status-orgs-sub = 各組織的帳戶，依登入狀態分類。各組織的員工列在下方。
status-col-signed-in = 已登入
status-col-waiting = 等待中
status-col-expiring = 即將到期
status-col-unknown = 不在匯出檔中
status-col-pages = 頁面
status-plan-link = 計畫
status-orgs-more = 目前顯示 { $total } 個組織中的前 { $shown } 個；全部都在 <a href="status.json">status.json</a> 中{ $listing ->
        [true] ，各組織的計畫頁面列在 <a href="orgs/index.html">orgs/index.html</a>
       *[false] { "" }
    }。
status-orgs-none = 帳本中還沒有任何帳戶。
status-delivery-h2 = 登入電子郵件的寄送情形
status-delivery-sub = 依 <code>pmc-migrate send</code> 記錄的 <code>sent.csv</code>，列出各組織的登入電子郵件：郵件伺服器已接受、已被永久拒絕（伺服器的回覆記在記錄中）、尚未寄出。提醒郵件不計入。
status-col-sent = 已寄出
status-col-failed = 寄送失敗
status-col-left = 尚未寄出
status-delivery-more = 另有 { $n } 個組織記在 <code>sent.csv</code> 中。
status-org-sub = { $accounts } 個帳戶：{ $signed_in } 個已登入、{ $waiting } 個等待中、{ $expiring } 個即將到期、{ $reissue } 個須重新新增、{ $unknown } 個不在狀態匯出檔中。
status-org-plan = 計畫：
status-col-sign-in = 登入
status-col-password = 暫時密碼
status-col-pu = 合作夥伴大學
status-col-exams = 技術測驗及認證
status-col-associated = 建立關聯
status-col-progress = 專長認證進度（+24 小時）
status-state-signed-in = 已登入
status-state-waiting = 等待中
status-state-expires-soon = 即將到期
status-state-must-reissue = 須重新新增
status-state-unknown = 不在匯出檔中
status-not-needed = 不需要
status-not-yet = 尚未
status-visible = 可看到
status-visible-since = 自 { $at } 起
status-visible-from = { $at } 起
status-days-left = 還有 { $n } 天
status-expires-today = 今天到期
status-expired-ago = { $n } 天前到期
status-org-more = 本組織另有 { $n } 位員工列在 <a href="status.json">status.json</a> 中。
status-more-orgs = 另外 { $orgs } 個組織的員工（本頁未列出的 { $accounts } 個帳戶）列在 <a href="status.json">status.json</a> 中。
status-findings-sub = <code>unknown-account</code>：狀態匯出檔中有人，但本資料夾的套用從未發給此人帳戶。<code>missing-status</code>：帳本中的帳戶未列在狀態匯出檔中（狀態不明）。無法讀取的匯出檔資料列也會列出。
status-findings-more = 另有 { $more } 筆檢查結果未列在這裡：全部 { $total } 筆請見 <a href="status.json">status.json</a> 中的 <code>findings</code>。
status-findings-none = 沒有：帳本與狀態匯出檔列出的帳戶相同。
status-footer = 由 pmc-migrate { $version } 根據本資料夾的帳本與合作夥伴中心團隊狀態匯出檔產生，基準時間為 { $as_of }。同一份帳本、匯出檔與基準時間會產生相同的頁面。本頁不含任何密碼。

## 計畫的頁面（index.html、orgs/）

page-footer = 由 pmc-migrate { $version } 為 { $as_of } 的轉換產生（{ $creation ->
        [bulk] 大量建立帳戶
       *[individual] 逐一建立帳戶
    }）。同樣的輸入與轉換日會產生相同的報告。本報告不含任何密碼。

## index.html

index-title = 合作夥伴中心轉換計畫 · 轉換日 { $as_of }
index-eyebrow = pmc-migrate · 轉換報告
index-h1 = 合作夥伴中心轉換計畫
index-lede = 轉換日 <strong>{ $as_of }</strong> · <strong>{ $orgs }</strong> 個組織 · 為 <strong>{ $people }</strong> 人建立 <strong>{ $accounts }</strong> 個帳戶 · { $bulk ->
        [true] 使用 PMC 資料大量建立
       *[false] 逐一建立帳戶
    }
index-toc-apply = 套用
index-findings-by-rule = 依規則分類的檢查結果
index-changes = 變更
index-all-org-pages = 所有組織頁面
index-toc-left-out = 排除的組織
index-toc-admin = 系統管理員檢查清單
index-toc-employee = 員工檢查清單
index-team-status = 團隊狀態
page-apply-refused-banner = 套用遭拒：未寫入任何登入資訊；請修正錯誤，或使用 --skip-invalid
index-banner-errors = { $errors } 個錯誤。有錯誤的資料列與組織不會納入這份計畫{ $blocked_n ->
        [0] { "" }
       *[other] （{ $blocked } 個組織，列在<a href="#left-out">排除的組織</a>）
    }。請修正匯出檔後再執行一次。
index-banner-warnings = 沒有錯誤。有 { $warnings } 個警告需要檢查；下列每個組織都可以繼續進行。
index-banner-ok = 沒有錯誤或警告：下列每個組織都可以繼續進行。
index-totals-sub = 每人在每個組織各有一個帳戶；同時屬於多個組織的人，在每個租用戶中各有一個帳戶。
index-tile-orgs = 已規劃的組織
index-tile-people = 人數
index-tile-errors = 錯誤
index-tile-warnings = 警告
index-tile-info = 資訊
index-tile-left-out = 排除的組織
page-apply-h2 = { $refused ->
        [true] 套用遭拒
       *[false] 套用 · 第 { $run } 次執行
    }
index-apply-refused = 錯誤使這次套用中止：沒有發出任何密碼，沒有寫入登入資訊檔或登入電子郵件，帳本也沒有變更{ $run_n ->
        [0] （本資料夾尚未套用過）
       *[other] （帳本最後一次為第 { $run } 次執行）
    }。下方是錯誤修正後，或以 <code>--skip-invalid</code> 只套用有效資料列時，套用會做的事；列出的登入資訊檔來自先前的執行。
index-apply-issued = 第 { $run } 次執行為 { $created } 個新帳戶和 { $reissued } 個重新發給的帳戶發出暫時密碼。密碼只存在下列登入資訊檔中（權限 0600{ $bulk ->
        [true] { "" }
       *[false] ，以及 <code>outbox/</code> 下的登入電子郵件
    }），不會出現在本報告。請妥善保管這些檔案，登入資訊交付後即刪除。
index-apply-nothing = 沒有需要新發出的項目：每個帳戶都已在帳本中（最後一次為第 { $run } 次執行），因此沒有產生密碼，登入資訊檔也沒有變更。先前執行的登入資訊檔列在下方；本報告從不顯示密碼。
page-created = { $refused ->
        [true] 待建立
       *[false] 已建立
    }
page-kept-ledger = 沿用帳本中的帳戶
page-reissued = { $refused ->
        [true] 待重新發給
       *[false] 已重新發給
    }
page-left-export = 已不在匯出檔中
index-will-do = 套用將會做的事
index-will-do-sub = 數量{ $ledger ->
        [true] （對照本資料夾先前套用的帳本）
       *[false] （這是本資料夾的第一次套用）
    }。各組織的變更列在下方的<a href="#changes">變更</a>；每個帳戶的動作都在 <a href="plan.json">plan.json</a> 中。
index-tile-create = + 待建立的帳戶
index-tile-reissue = ~ 待重新發給（R7）
index-tile-keep = = 保留
index-tile-left = - 已不在匯出檔中（不會刪除）
index-tile-enrol = 待註冊的組織
index-will-do-nothing = 沒有：每個帳戶都已在帳本中，也沒有人離開匯出檔。
index-findings-sub = { $errors } 個錯誤、{ $warnings } 個警告、{ $infos } 則資訊。有錯誤的資料列或組織不會納入計畫；警告與資訊會保留。每筆檢查結果及其檔案、行與欄，都在 <a href="findings.csv">findings.csv</a> 中。
index-findings-listed = { $more_n ->
        [0] 每筆檢查結果都列在下方的<a href="#finding-list">檢查結果</a>中。
       *[other] 前 { $shown } 筆檢查結果（錯誤在前）列在下方的<a href="#finding-list">檢查結果</a>中。
    }
index-no-findings = 沒有檢查結果：兩份匯出檔都通過所有檢查。
index-run-sub = 本報告所根據的資料。同樣的輸入與轉換日永遠產生相同的計畫。
index-cutover-date = 轉換日（as-of）
index-creation = 帳戶建立方式
index-creation-how = { $bulk ->
        [true] 大量：「設定您的小組」›「使用 PMC 資料新增使用者」
       *[false] 個別：「新增使用者」，一次一人
    }
index-passwords-expire = 暫時密碼到期日
index-passwords-expire-when = { $date }（轉換日後 90 天）
index-apply-fact = { $refused ->
        [true] 遭拒{ $run_n ->
            [0] { "" }
           *[other] ；帳本最後一次為第 { $run } 次執行
        }
       *[false] 第 { $run } 次執行
    }
index-status-fact = <a href="status.html">status.html</a>，由 <code>pmc-migrate status</code> 產生（誰已登入、誰必須重新新增）
index-input-file = 輸入檔案
index-rows = 資料列
index-format = 格式
index-ignored-columns = 略過的欄位：{ $columns }
index-delimited = ，{ $d ->
        [comma] 逗號
        [semicolon] 分號
        [tab] Tab 字元
        [pipe] 直線符號
       *[other] 其他字元
    }分隔
index-apply-orgs-h2 = { $refused ->
        [true] 各組織的套用內容（尚未執行）
       *[false] 各組織的套用結果 · 第 { $run } 次執行
    }
index-col-kept = 保留
index-col-left = 已離開
page-credential-files = 登入資訊檔
page-signon-emails = 登入電子郵件
page-not-in-plan = 不在本計畫中
index-apply-more = 目前顯示 { $total } 個組織中的前 { $shown } 個；其餘的在 <a href="plan.json">plan.json</a> 中，以及 <code>orgs/</code> 內各自的頁面{ $listing ->
        [true] （<a href="orgs/index.html">所有組織頁面</a>）
       *[false] { "" }
    }。所有登入資訊檔都在 <code>credentials/</code> 資料夾中。
page-left-export-h3 = 已不在匯出檔中的人
index-left-sub = 先前的套用發出了這 { $n } 個帳戶，但其使用者已不在員工匯出檔中。不會刪除任何帳戶：若這些人確實已離開，請在合作夥伴中心移除{ $ledger ->
        [true] ；帳本會保留這些帳戶
       *[false] { "" }
    }。
page-email = 電子郵件
page-username = 使用者名稱
page-issued-in-run = 發出的執行次數
index-left-more = 另有 { $more } 個未列在這裡：全部 { $total } 個請見 <a href="plan.json">plan.json</a> 中的 <code>left</code>。
index-left-none = 沒有：先前套用發給帳戶的每個人都還在員工匯出檔中。
index-changes-sub = 套用這份計畫會做的事{ $ledger ->
        [true] （對照本資料夾先前套用的帳本）
       *[false] （這是本資料夾的第一次套用）
    }：建立 <strong>{ $created }</strong> 個帳戶（+），以新的暫時密碼重新發給 <strong>{ $reissued }</strong> 個（~，R7），保留 <strong>{ $kept }</strong> 個（=）{ $ledger ->
        [true] ，另有 <strong>{ $left }</strong> 個帳戶的使用者已不在匯出檔中（-，只列出，不刪除）
       *[false] { "" }
    }{ $enrol_n ->
        [0] { "" }
       *[other] ；{ $enrol } 個組織待註冊
    }。
index-col-create = + 建立
index-col-reissue = ~ 重新發給
index-col-left-sign = - 已離開
index-col-keep = = 保留
index-to-enrol = 待註冊
index-changes-more = 目前顯示 { $total } 個有變更的組織中的前 { $shown } 個；每個帳戶的動作都在 <a href="plan.json">plan.json</a> 中。
index-unchanged = 另有 { $n } 個組織沒有需要做的事。
index-no-changes = 沒有變更：每個帳戶都已在帳本中，也沒有人離開匯出檔；套用不會發出任何東西。
index-orgs-h2 = 組織與會員資格日期
index-orgs-sub = 合作夥伴中心會員資格從轉換日開始（R1），於目前 PMC 會員資格結束一年後到期（R2）。長條代表重疊期間：從轉換日到 PMC 結束日，組織可同時使用兩個系統（R3）；整條長度為 { $days } 天（至 { $until }）。
page-both-systems = 兩個系統並行（重疊期間）
page-expired = 已到期
index-no-overlap = 沒有重疊（R4）
page-level = 等級
page-pmc-membership = PMC 會員資格
index-partner-center = 合作夥伴中心
index-overlap = 重疊
page-start = 開始
page-end = 結束
index-renewed = 已續約
index-days = 天數
index-window = 期間
index-orgs-more = 目前顯示 { $total } 個組織中的前 { $shown } 個；另外 { $more } 個在 <a href="plan.json">plan.json</a> 中，每個組織在 <code>orgs/</code> 資料夾中都有自己的頁面，列在 <a href="orgs/index.html">orgs/index.html</a>。
index-note-r3 = <strong>R3 · 在 PMC 會員資格結束前兩個系統並行。</strong>從轉換日到目前 PMC 會員資格的結束日（含首尾兩天），組織使用合作夥伴中心，同時仍可查看其 PMC 權益。即使組織已在 PMC 續約也是如此：<em>已續約</em>不會改變任何日期{ $renewed_n ->
        [0] { "" }
       *[other] （本次有 { $renewed } 個已續約的組織）
    }。
index-note-r4 = <strong>R4 · 已到期的會員資格。</strong>有 { $n } 個組織的 PMC 會員資格在轉換日前已結束：沒有重疊期間，新的合作夥伴中心會員資格於轉換日一年後到期。
index-no-orgs = 沒有任何組織可以規劃{ $blocked_n ->
        [0] { "" }
       *[other] ：每個組織都因錯誤而被排除（見下方）
    }。
index-left-out-h2 = 因錯誤而排除的組織
index-left-out-sub = 這 { $n } 個組織不在計畫中，不會取得任何帳戶。請修正下列資料列後再執行一次。
index-why = 原因
index-more-reasons = 另有 { $n } 項在 findings.csv 中
index-left-out-more = 另有 { $n } 個被排除的組織未列在這裡：請見 <a href="plan.json">plan.json</a> 中的 <code>blocked_organizations</code> 與 <a href="findings.csv">findings.csv</a>。
index-left-out-none = 沒有：會員資格匯出檔中的每個組織都在計畫中。
index-finding-list-h2 = { $more_n ->
        [0] 檢查結果
       *[other] { $total } 筆檢查結果中的前 { $shown } 筆
    }
index-finding-list-sub = 先列錯誤，再列警告，最後是資訊，各依檔案與行號排序。行號是該筆記錄開始的實際行（標題列為第 1 行）。
index-findings-more = 另有 { $more } 筆檢查結果未列在這裡：全部 { $total } 筆請見 <a href="findings.csv">findings.csv</a>。
index-accounts-h2 = 各組織的帳戶
index-accounts-sub = { $accounts } 個帳戶：{ $admins } 個系統管理員、{ $employees } 個員工。{ $only_create ->
        [true] { "" }
       *[false] 依動作：建立 { $created } 個、沿用帳本 { $kept } 個、以新的暫時密碼重新發給 { $reissued } 個（R7）。
    }每個帳戶的使用者名稱、工作與密碼到期日，都在各組織的頁面上。
index-tenant-domain = 租用戶網域
index-tasks = 登入以外的工作（R8）
index-page = 頁面
index-admins = 系統管理員
index-employees = 員工
index-total = 合計
page-partner-university = 合作夥伴大學
index-exams = 技術測驗、認證
index-accounts-more = 目前顯示 { $total } 個組織中的前 { $shown } 個；所有組織的帳戶都在 <a href="plan.json">plan.json</a> 中，也在 <code>orgs/</code> 內各自的頁面上（<a href="orgs/index.html">所有組織頁面</a>）。
index-no-accounts = 沒有帳戶：沒有規劃任何組織。
page-renewed-title = 已在 PMC 續約：不會改變任何日期（R3）
page-expired-title = PMC 會員資格在轉換日前已結束：沒有重疊期間（R4）
page-overlap-label = 兩個系統並行 { $days } 天
page-overlap-title = 兩個系統並行：{ $start } 至 { $end }，共 { $days } 天

## 非英文頁面中檢查結果的規則說明；每筆檢查結果的原始訊息（英文）在 findings.csv 中。

rule-missing-column = 缺少必要欄位（或兩個姓名欄位都沒有）：該檔案的資料列都不會使用
rule-invalid-encoding = 有不符合檔案編碼的位元組；該資料列不會使用
rule-malformed-row = 資料列的欄位數與標題列不同
rule-missing-value = 必要的值是空的，或名字與姓氏都是空的
rule-invalid-mpn-id = MPN ID 不是 4 到 10 位數字
rule-invalid-date = 不是可接受格式的日期，或沒有這一天
rule-ambiguous-date = 年份在最後的斜線日期，但未指定 --date-order
rule-date-order = 會員資格的結束日早於開始日
rule-invalid-email = 不是可用的電子郵件地址
rule-invalid-domain = 租用戶網域不是長度最多 48 個字元的網域名稱
rule-invalid-role = 角色既不是系統管理員也不是員工
rule-unknown-organization = 員工的 MPN ID 不在會員資格檔案中
rule-duplicate-organization = 同一個 MPN ID 出現在兩個資料不同的會員資格資料列
rule-org-without-admin = 組織有要轉換的員工，但其中沒有系統管理員
rule-conflicting-duplicate = 同一個人在同一組織中出現兩次且資料不同：已合併
rule-membership-expired = 會員資格在轉換日前已結束：沒有重疊期間
rule-unknown-membership-level = 等級不是 Network Member、Action Pack、Silver 或 Gold
rule-invalid-exam-code = 測驗代碼的格式不像 70-533 或 AZ-900；已從清單中移除
rule-username-collision = 同一租用戶中兩個人的電子郵件會產生相同的使用者名稱；較後者加上 2、3…
rule-org-without-employees = 員工檔案中沒有這個組織的任何人
rule-invalid-value = 無法讀取的續約、國家/地區或語言值，或狀態匯出檔中的儲存格
rule-control-character = 姓名、職稱或組織名稱中有控制字元：已換成空格
rule-too-long = 值超過 Microsoft Entra 接受的長度：已截斷
rule-formula-like-value = 姓名或職稱以 = + - @ 開頭：在試算表檔案中會加上前置的 '
rule-exact-duplicate = 與前面某列完全相同的資料列；已移除
rule-cross-org-employee = 同一個電子郵件出現在多個組織：每個租用戶各有一個帳戶
rule-non-ascii-email = 地址的本機部分含非 ASCII 字元：寄給它（或以第一位系統管理員身分從它寄出）的郵件需要 SMTPUTF8
rule-unknown-account = （狀態）狀態匯出檔中有一列，但沒有任何套用發出該帳戶
rule-missing-status = （狀態）已發出的帳戶不在合作夥伴中心狀態匯出檔中
rule-empty-file = 檔案沒有標題列
rule-no-rows = 只有標題列，沒有任何記錄
rule-suspect-encoding = 以 --encoding 讀取的姓名看起來是亂碼：該檔案的資料列都不會使用

## orgs/<mpn_id>.html

task-sign-in = 取得登入資訊
task-university = 連接合作夥伴大學
task-exams = 建立技術測驗及認證關聯
task-password-reset = 密碼重設（選用）
role-admin = 系統管理員
role-employee = 員工
action-create = 建立
action-keep = 保留
action-reissue = 重新發給
org-title = { $org }（{ $id }）· 合作夥伴中心轉換計畫
org-back = ← 轉換計畫
org-lede = <strong>{ $accounts }</strong> 個帳戶（{ $admins } 個系統管理員、{ $employees } 個員工）· 轉換日 <strong>{ $as_of }</strong>
org-apply-refused = 下列數量是套用會做的事；列出的登入資訊檔來自先前的執行。
org-apply-sub = 暫時密碼只存在下列登入資訊檔中（權限 0600{ $bulk ->
        [true] { "" }
       *[false] ，以及登入電子郵件
    }），不會出現在本報告。路徑相對於輸出資料夾。
org-where-credentials = 登入資訊在哪裡
org-sealed-note = 已用 age 加密給 --encrypt-to 指定的金鑰：請以對應的身分識別檔開啟。
org-membership-h2 = 會員資格日期
org-membership-sub = 合作夥伴中心會員資格從轉換日開始（R1），於 PMC 會員資格結束一年後到期（R2）{ $expired ->
        [true] ；若 PMC 會員資格已到期，則於轉換日一年後到期（R4）
       *[false] { "" }
    }。
org-pc-membership = 合作夥伴中心會員資格
org-timeline = 會員資格時間軸
org-lane-title = { $lane ->
        [pmc] PMC 會員資格
        [pc] 合作夥伴中心
       *[overlap] 兩個系統並行
    }：{ $start } 至 { $end }
org-lane = { $lane ->
        [pmc] PMC 會員資格
        [pc] 合作夥伴中心
       *[overlap] 兩個系統並行
    }
org-lane-none = 無：已到期（R4）
org-cutover-label = 轉換日 { $date }
org-notes = 說明
org-renewed-in-pmc = 已在 PMC 續約：
org-pc-end-note = { $expired ->
        [true] 轉換日一年後（R4）
       *[false] PMC 結束日一年後（R2）
    }
org-both-overlap = 兩個系統並行（重疊）
org-no-overlap = 沒有重疊：PMC 會員資格已結束（R4）
org-overlap-days = <strong>{ $days }</strong> 天，含首尾兩天（R3）
org-note-r4 = <strong>R4 · 已到期的會員資格。</strong>PMC 會員資格已於 { $pmc_end } 結束，早於轉換日：沒有重疊期間，新的合作夥伴中心會員資格於轉換日一年後（{ $pc_end }）到期。
org-note-r3 = <strong>R3 · 兩個系統並行至 { $pmc_end }。</strong>在目前的 PMC 會員資格結束前，組織仍可查看其 PMC 權益{ $renewed ->
        [true] ，即使已在 PMC 續約：續約不會改變任何日期
       *[false] ；在 PMC 續約也不會改變任何日期
    }。
org-accounts-sub = <span class="mono">{ $tenant }</span> 租用戶中的 { $accounts } 個帳戶。{ $bulk ->
        [true] 以「使用 PMC 資料新增使用者」大量建立：合作夥伴中心會以電子郵件寄給每個人登入資訊。
       *[false] 以「新增使用者」逐一建立：系統管理員直接將使用者名稱和暫時密碼交給每個人。
    }暫時密碼的有效期為 90 天（R7）。動作：<em>建立</em>新帳戶、<em>保留</em>已發出的帳戶，或<em>重新發給</em>新的暫時密碼。
org-name = 姓名
org-role = 角色
org-tasks = 工作（R8）
org-action = 動作
org-nobody = 沒有要轉換的人：員工匯出檔中沒有這個組織的任何人。
org-next-h2 = 後續步驟
org-step-enrol = 於 { $as_of } <strong>重新註冊</strong>；合作夥伴中心會員資格有效至 { $pc_end }。
org-step-admin = <strong>由系統管理員新增員工</strong>（R5）{ $any ->
        [true] ：{ $admins }
       *[false] { "" }
    }。
org-step-bulk = <strong>設定您的小組 › 使用 PMC 資料新增使用者</strong>（R6）：合作夥伴中心會以電子郵件寄給每位使用者登入資訊。
org-step-individual = 為每個帳戶執行<strong>新增使用者</strong>（R6），再直接將使用者名稱和暫時密碼交給每位使用者。
org-step-expiry = <strong>在 { $date } 前</strong>每個人都要登入；尚未登入的人請移除後重新新增（R7）。設定自助式密碼重設及其安全性問題類型（R8）。
org-step-employee = <strong>每位員工</strong>取得登入資訊、連接合作夥伴大學、建立技術測驗及認證關聯，並可設定密碼重設自助（R8）。24 小時後，專長認證進度會顯示在 <span class="ui">合作關係 › 專長認證</span> 中（R9）。
org-back-bottom = ← 回到轉換計畫

## orgs/index.html

orgs-title = 所有組織 · 合作夥伴中心轉換計畫 · 轉換日 { $as_of }
orgs-eyebrow = 組織
orgs-h1 = 所有組織
orgs-lede = <strong>{ $total }</strong> 個組織頁面 · 轉換日 <strong>{ $as_of }</strong>
orgs-h2 = 組織頁面
orgs-sub = 計畫中的每個組織，依轉換計畫的順序排列。每個頁面都有會員資格日期與所有帳戶；完整的計畫在 <a href="../plan.json">plan.json</a> 中。
orgs-col-org = 組織 · MPN ID
