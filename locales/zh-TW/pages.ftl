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
